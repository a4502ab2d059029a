package dev.gatewright.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over a sequence of texts and byte strings, each prefixed with its length so that no two
 * different sequences hash alike: the key of the tool caches (Verilator builds, module synthesis).
 *
 * <pre>{@code
 * String key = ContentHash.sha256().text(toolVersion).text(script).file(source).hex();
 * }</pre>
 */
public final class ContentHash {

  private final MessageDigest digest;

  private ContentHash(MessageDigest digest) {
    this.digest = digest;
  }

  public static ContentHash sha256() {
    try {
      return new ContentHash(MessageDigest.getInstance("SHA-256"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public ContentHash text(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  public ContentHash bytes(byte[] bytes) {
    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    digest.update(bytes);
    return this;
  }

  /** The file's contents. */
  public ContentHash file(Path file) {
    try {
      return bytes(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + IoReason.of(e), e);
    }
  }

  /** The digest in lower-case hex; the hash is used up. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
