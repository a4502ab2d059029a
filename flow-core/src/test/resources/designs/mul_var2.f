# 2 variable multipliers
mul_var.sv
mul_var2.sv
