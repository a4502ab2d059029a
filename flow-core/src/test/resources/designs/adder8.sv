// A 8-bit registered adder.
module adder8 (
  input  logic clk,
  input  logic rst,
  input  logic [7:0] a,
  input  logic [7:0] b,
  output logic [8:0] y
);
  adder #(.W(8)) u_add (.clk(clk), .rst(rst), .a(a), .b(b), .y(y));
endmodule
