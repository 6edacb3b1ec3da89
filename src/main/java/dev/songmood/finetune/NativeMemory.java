package dev.songmood.finetune;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the C heap's free pages back to the system ({@code malloc_trim(0)}, glibc). PyTorch on CPU allocates and
 * frees tensors of megabytes at every training step; glibc raises its mmap threshold after such frees and serves
 * them from its heaps from then on, whose free pages it keeps. Measured on MiniLM, 16 x 128 tokens, 3 trained
 * layers: the process grew ~90 MiB per step (24 GB and an OOM kill after two epochs) with nothing leaked; trimming
 * every few steps keeps it flat at no measurable cost. A fixed {@code MALLOC_MMAP_THRESHOLD_} also keeps it flat but
 * made training 2.5 times slower (every large tensor an mmap and fresh zeroed pages).
 */
final class NativeMemory {
  private static final Logger LOG = LoggerFactory.getLogger(NativeMemory.class);

  private interface CLibrary extends Library {
    int malloc_trim(long pad);
  }

  private static final CLibrary LIBC = load();

  private NativeMemory() {}

  private static CLibrary load() {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return null;
    }
    try {
      CLibrary c = Native.load("c", CLibrary.class);
      c.malloc_trim(0);
      return c;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      LOG.info("malloc_trim is not available ({}): the C heap is not trimmed between training steps", e.toString());
      return null;
    }
  }

  /** Returns free C heap pages to the system; a no-op where the C library has no malloc_trim. */
  static void trim() {
    if (LIBC != null) {
      LIBC.malloc_trim(0);
    }
  }
}
