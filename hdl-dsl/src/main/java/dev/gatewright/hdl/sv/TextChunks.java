package dev.gatewright.hdl.sv;

import java.util.List;

/** Text made of consecutive pieces, read as one without copying them into one string. */
final class TextChunks implements CharSequence {

  private final CharSequence[] chunks;
  private final int[] starts;
  private final int length;

  TextChunks(List<? extends CharSequence> pieces) {
    this.chunks = pieces.toArray(CharSequence[]::new);
    this.starts = new int[chunks.length];
    long total = 0;
    for (int i = 0; i < chunks.length; i++) {
      starts[i] = (int) total;
      total += chunks[i].length();
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a module's text is limited to 2^31 - 1 characters, not " + total);
    }
    this.length = (int) total;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    int chunk = chunkOf(index);
    return chunks[chunk].charAt(index - starts[chunk]);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    if (start < 0 || end > length || start > end) {
      throw new IndexOutOfBoundsException("subSequence(" + start + ", " + end + ") of " + length + " characters");
    }
    if (start == end) {
      return "";
    }
    int chunk = chunkOf(start);
    if (end - starts[chunk] <= chunks[chunk].length()) {
      return chunks[chunk].subSequence(start - starts[chunk], end - starts[chunk]).toString();
    }
    StringBuilder out = new StringBuilder(end - start);
    appendRange(out, start, end);
    return out.toString();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(length);
    appendRange(out, 0, length);
    return out.toString();
  }

  private void appendRange(StringBuilder out, int start, int end) {
    int position = start;
    for (int chunk = start == end ? chunks.length : chunkOf(start); chunk < chunks.length && position < end; chunk++) {
      int from = position - starts[chunk];
      int to = Math.min(chunks[chunk].length(), end - starts[chunk]);
      // a part of a builder appended as a CharSequence is copied one character at a time; whole ones are not
      if (from == 0 && to == chunks[chunk].length()) {
        out.append(chunks[chunk]);
      } else {
        out.append(chunks[chunk].subSequence(from, to).toString());
      }
      position += to - from;
    }
  }

  /** The last chunk that starts at or before {@code index} (an empty chunk shares its start with the next). */
  private int chunkOf(int index) {
    if (index < 0 || index >= length) {
      throw new IndexOutOfBoundsException("index " + index + " of " + length + " characters");
    }
    int low = 0;
    int high = chunks.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (starts[middle] <= index) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }
}
