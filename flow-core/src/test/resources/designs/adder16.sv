// A 16-bit registered adder.
module adder16 (
  input  logic clk,
  input  logic rst,
  input  logic [15:0] a,
  input  logic [15:0] b,
  output logic [16:0] y
);
  adder #(.W(16)) u_add (.clk(clk), .rst(rst), .a(a), .b(b), .y(y));
endmodule
