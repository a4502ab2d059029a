// Constant-weight dot product y = 13*x0 + 11*x1 + 7*x2 + 5*x3, multiplications written as
// shifts and adds (the shift-add style): no multiplier is left for a DSP block.
module dot4_shift_add (
  input  logic        clk,
  input  logic        rst,
  input  logic [31:0] x,
  output logic [15:0] y
);
  logic [31:0] x_q;
  logic [15:0] x0, x1, x2, x3;
  assign x0 = {8'b0, x_q[7:0]};
  assign x1 = {8'b0, x_q[15:8]};
  assign x2 = {8'b0, x_q[23:16]};
  assign x3 = {8'b0, x_q[31:24]};
  logic [15:0] sum;
  assign sum = (x0 << 3) + (x0 << 2) + x0      // 13 * x0
             + (x1 << 3) + (x1 << 1) + x1      // 11 * x1
             + (x2 << 3) - x2                  //  7 * x2
             + (x3 << 2) + x3;                 //  5 * x3
  always_ff @(posedge clk) begin
    if (rst) begin
      x_q <= '0;
      y   <= '0;
    end else begin
      x_q <= x;
      y   <= sum;
    end
  end
endmodule
