// Purely combinational: no clock, no reset.
module comb (
  input  logic [15:0] a,
  input  logic [15:0] b,
  input  logic        sel,
  output logic [15:0] y,
  output logic [16:0] total,
  output logic        equal
);
  assign y = sel ? (a ^ b) : (a & b);
  assign total = {1'b0, a} + {1'b0, b};
  assign equal = a == b;
endmodule
