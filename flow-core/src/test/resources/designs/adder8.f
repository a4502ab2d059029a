adder.sv
adder8.sv
