// A registered 100-bit adder with a 101-bit sum, and the carry-less low 64 bits combinational.
module adder100 (
  input  logic         clk,
  input  logic [99:0]  a,
  input  logic [99:0]  b,
  output logic [100:0] sum,
  output logic [63:0]  low_xor
);
  always_ff @(posedge clk) sum <= {1'b0, a} + {1'b0, b};

  assign low_xor = a[63:0] ^ b[63:0];
endmodule
