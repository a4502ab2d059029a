// Port names that Verilator must rename in C++: a C++ keyword and a double underscore.
module renamed (
  input  logic [3:0] switch,
  input  logic [3:0] a__b,
  output logic [4:0] y
);
  assign y = switch + a__b;
endmodule
