// Stops in an initial block: the simulator must fail to open with the message, not end the JVM.
module initial_stop (
  input  logic a,
  output logic y
);
  initial $stop;
  assign y = a;
endmodule
