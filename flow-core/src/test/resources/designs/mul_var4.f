# 4 variable multipliers
mul_var.sv
mul_var4.sv
