// A 32-bit registered adder.
module adder32 (
  input  logic clk,
  input  logic rst,
  input  logic [31:0] a,
  input  logic [31:0] b,
  output logic [32:0] y
);
  adder #(.W(32)) u_add (.clk(clk), .rst(rst), .a(a), .b(b), .y(y));
endmodule
