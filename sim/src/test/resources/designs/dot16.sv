// A registered 16-lane signed 8-bit dot product: y <= sum(a[i] * b[i]), one cycle of latency.
module dot16 (
  input  logic        clk,
  input  logic        rst_n,
  input  logic [7:0]  a0,
  input  logic [7:0]  a1,
  input  logic [7:0]  a2,
  input  logic [7:0]  a3,
  input  logic [7:0]  a4,
  input  logic [7:0]  a5,
  input  logic [7:0]  a6,
  input  logic [7:0]  a7,
  input  logic [7:0]  a8,
  input  logic [7:0]  a9,
  input  logic [7:0]  a10,
  input  logic [7:0]  a11,
  input  logic [7:0]  a12,
  input  logic [7:0]  a13,
  input  logic [7:0]  a14,
  input  logic [7:0]  a15,
  input  logic [7:0]  b0,
  input  logic [7:0]  b1,
  input  logic [7:0]  b2,
  input  logic [7:0]  b3,
  input  logic [7:0]  b4,
  input  logic [7:0]  b5,
  input  logic [7:0]  b6,
  input  logic [7:0]  b7,
  input  logic [7:0]  b8,
  input  logic [7:0]  b9,
  input  logic [7:0]  b10,
  input  logic [7:0]  b11,
  input  logic [7:0]  b12,
  input  logic [7:0]  b13,
  input  logic [7:0]  b14,
  input  logic [7:0]  b15,
  output logic [19:0] y
);
  logic signed [19:0] sum;

  // Every operand is signed and extended to the 20-bit context before the products.
  assign sum = $signed(a0) * $signed(b0)
      + $signed(a1) * $signed(b1)
      + $signed(a2) * $signed(b2)
      + $signed(a3) * $signed(b3)
      + $signed(a4) * $signed(b4)
      + $signed(a5) * $signed(b5)
      + $signed(a6) * $signed(b6)
      + $signed(a7) * $signed(b7)
      + $signed(a8) * $signed(b8)
      + $signed(a9) * $signed(b9)
      + $signed(a10) * $signed(b10)
      + $signed(a11) * $signed(b11)
      + $signed(a12) * $signed(b12)
      + $signed(a13) * $signed(b13)
      + $signed(a14) * $signed(b14)
      + $signed(a15) * $signed(b15);

  always_ff @(posedge clk) begin
    if (!rst_n) y <= '0;
    else y <= sum;
  end
endmodule
