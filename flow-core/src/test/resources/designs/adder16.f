adder.sv
adder16.sv
