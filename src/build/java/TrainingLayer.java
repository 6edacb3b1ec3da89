import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Builds the training layer ({@code target/songmood-VERSION-training.jar}) at {@code mvn package}: the jars given
 * (PyTorch's natives and the fp32 encoders, as pom.xml's exec plugin lists them) merged into one, each entry copied
 * as it is stored, still compressed (Commons Compress' raw copy), the first of each name kept. The shade plugin
 * inflated and deflated all 270 MB again: ~44 s of a ~90 s build on 2 cores; this takes ~1 s. Run by the exec
 * plugin as a single-file program: {@code java -cp COMMONS_COMPRESS TrainingLayer.java OUT_JAR JAR:JAR...}.
 */
public final class TrainingLayer {
  private TrainingLayer() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: TrainingLayer OUT_JAR JAR" + java.io.File.pathSeparator + "JAR...");
    }
    Path out = Path.of(args[0]);
    String listed = args[1].trim();
    if (listed.isEmpty()) {
      throw new IllegalStateException("no jars to merge");
    }
    Path partial = out.resolveSibling(out.getFileName() + ".partial");
    Set<String> names = new HashSet<>();
    int jars = 0;
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(partial)) {
      zip.setUseZip64(Zip64Mode.AsNeeded);
      for (String jar : listed.split(java.io.File.pathSeparator)) {
        if (Files.isDirectory(Path.of(jar))) {
          continue; // the project's own classes, which the exec plugin lists first: they are in the job jar
        }
        try (ZipFile in = ZipFile.builder().setPath(jar).get()) {
          for (ZipArchiveEntry e : Collections.list(in.getEntriesInPhysicalOrder())) {
            if (names.add(e.getName())) {
              zip.addRawArchiveEntry(e, in.getRawInputStream(e));
            }
          }
        }
        jars++;
      }
    }
    if (jars == 0) {
      Files.delete(partial);
      throw new IllegalStateException("none of the listed paths is a jar: " + listed);
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf("training layer: %s (%d jars, %d entries, %d MB)%n", out, jars, names.size(),
        Files.size(out) >> 20);
  }
}
