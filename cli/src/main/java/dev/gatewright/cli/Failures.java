package dev.gatewright.cli;

import dev.gatewright.pipeline.HeapBudget;
import dev.gatewright.tool.IoReason;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** One line for a failure, with the operating system's reason where an I/O error is behind it. */
final class Failures {

  private Failures() {}

  /**
   * The exception's message, then the reason of each I/O error among its causes that the message does
   * not already give ("No space left on device", "File name too long", "permission denied").
   */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    StringBuilder text = new StringBuilder(message == null || message.isBlank() ? failure.toString() : message);
    Set<Throwable> seen = new HashSet<>();
    for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
      if (cause instanceof IOException io) {
        String reason = IoReason.of(io);
        if (!text.toString().contains(reason)) {
          text.append(": ").append(reason);
        }
      }
    }
    return text.toString();
  }

  /** What to say when the JVM ran out of heap: the limit, and how to raise it. */
  static String outOfMemory() {
    return "ran out of memory: " + HeapBudget.describeLimit() + "; " + HeapBudget.advice()
        + ", or build something smaller";
  }
}
