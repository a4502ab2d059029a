package dev.gatewright.tool;

import java.nio.file.Path;

/** Another writer holds a {@link FolderLock} on the folder; the message names it. */
public final class FolderBusyException extends RuntimeException {

  private final transient Path folder;

  public FolderBusyException(Path folder, String holder) {
    super(holder + " is writing into " + folder + "; wait for it to end, or write somewhere else");
    this.folder = folder;
  }

  public Path folder() {
    return folder;
  }
}
