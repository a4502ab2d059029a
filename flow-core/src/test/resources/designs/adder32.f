adder.sv
adder32.sv
