package dev.gatewright.tool;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by the tests: opens a {@link StagedFolder} for the path it is given, writes a
 * file into it, prints "ready" and waits to be killed.
 */
public final class HoldFolderUntilKilled {

  private HoldFolderUntilKilled() {}

  public static void main(String[] args) throws Exception {
    StagedFolder folder = StagedFolder.create(Path.of(args[0]));
    Files.writeString(folder.dir().resolve("half.sv"), "module half;\n");
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
