// 4 variable 8x8 multipliers.
module mul_var4 (
  input  logic clk,
  input  logic rst,
  input  logic [31:0] a,
  input  logic [31:0] b,
  output logic [63:0] y
);
  mul_var #(.N(4), .W(8)) u_mul (.clk(clk), .rst(rst), .a(a), .b(b), .y(y));
endmodule
