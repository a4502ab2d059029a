// A 16-input signed 8-bit dot product with constant weights, pipelined in two stages:
// products, then their sum. y is valid two cycles after x (out_valid follows in_valid).
module dot16_pipe (
  input  logic        clk,
  input  logic        rst,
  input  logic        in_valid,
  input  logic [7:0]  x0,
  input  logic [7:0]  x1,
  input  logic [7:0]  x2,
  input  logic [7:0]  x3,
  input  logic [7:0]  x4,
  input  logic [7:0]  x5,
  input  logic [7:0]  x6,
  input  logic [7:0]  x7,
  input  logic [7:0]  x8,
  input  logic [7:0]  x9,
  input  logic [7:0]  x10,
  input  logic [7:0]  x11,
  input  logic [7:0]  x12,
  input  logic [7:0]  x13,
  input  logic [7:0]  x14,
  input  logic [7:0]  x15,
  output logic        out_valid,
  output logic [19:0] y
);
  logic signed [15:0] p [16];
  logic               valid1;
  logic signed [19:0] sum;

  always_ff @(posedge clk) begin
    if (rst) begin
      valid1 <= 1'b0;
      out_valid <= 1'b0;
    end else begin
      valid1 <= in_valid;
      out_valid <= valid1;
    end
  end

  always_ff @(posedge clk) begin
    if (in_valid) begin
      p[0] <= 16'($signed(x0) * 16'sd3);
      p[1] <= 16'($signed(x1) * -16'sd7);
      p[2] <= 16'($signed(x2) * 16'sd12);
      p[3] <= 16'($signed(x3) * -16'sd128);
      p[4] <= 16'($signed(x4) * 16'sd127);
      p[5] <= 16'($signed(x5) * 16'sd1);
      p[6] <= 16'($signed(x6) * -16'sd1);
      p[7] <= 16'($signed(x7) * 16'sd64);
      p[8] <= 16'($signed(x8) * -16'sd64);
      p[9] <= 16'($signed(x9) * 16'sd5);
      p[10] <= 16'($signed(x10) * -16'sd9);
      p[11] <= 16'($signed(x11) * 16'sd33);
      p[12] <= 16'($signed(x12) * -16'sd33);
      p[13] <= 16'($signed(x13) * 16'sd100);
      p[14] <= 16'($signed(x14) * -16'sd100);
      p[15] <= 16'($signed(x15) * 16'sd0);
    end
  end

  always_comb begin
    sum = '0;
    for (int i = 0; i < 16; i++) sum = sum + 20'(p[i]);
  end

  always_ff @(posedge clk) begin
    if (valid1) y <= sum;
  end
endmodule
