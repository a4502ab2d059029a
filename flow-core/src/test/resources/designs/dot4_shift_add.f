dot4_shift_add.sv
