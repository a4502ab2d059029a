// 2 variable 8x8 multipliers.
module mul_var2 (
  input  logic clk,
  input  logic rst,
  input  logic [15:0] a,
  input  logic [15:0] b,
  output logic [31:0] y
);
  mul_var #(.N(2), .W(8)) u_mul (.clk(clk), .rst(rst), .a(a), .b(b), .y(y));
endmodule
