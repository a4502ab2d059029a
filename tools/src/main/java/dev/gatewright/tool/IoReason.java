package dev.gatewright.tool;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The operating system's reason for an I/O error, in words: "No space left on device", "File name too
 * long", "permission denied". Java's file exceptions often carry only the path as their message; the
 * reason is what a user needs to act on.
 */
public final class IoReason {

  private IoReason() {}

  public static String of(IOException e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
      return fs.getReason();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the folder is not empty";
    }
    if (e instanceof NotDirectoryException) {
      return "not a folder";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
