package dev.gatewright.flow;

import java.nio.file.Path;

/** Run in a JVM of its own by {@link RunFolderTest}: opens a run folder, prints "ready" and waits to be killed. */
public final class HoldRunUntilKilled {

  private HoldRunUntilKilled() {}

  public static void main(String[] args) throws Exception {
    RunFolder.create(Path.of(args[0]), "mac", "xc7");
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
