// N independent registered W x W multipliers with variable operands (the `*` style).
// Inputs and products are registered, so every path is register to register.
module mul_var #(
  parameter int N = 4,
  parameter int W = 8
) (
  input  logic               clk,
  input  logic               rst,
  input  logic [N*W-1:0]     a,
  input  logic [N*W-1:0]     b,
  output logic [N*2*W-1:0]   y
);
  logic [N*W-1:0] a_q, b_q;
  always_ff @(posedge clk) begin
    if (rst) begin
      a_q <= '0;
      b_q <= '0;
      y   <= '0;
    end else begin
      a_q <= a;
      b_q <= b;
      for (int i = 0; i < N; i++) begin
        y[2*W*i +: 2*W] <= a_q[W*i +: W] * b_q[W*i +: W];
      end
    end
  end
endmodule
