package dev.songmood.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning makes no network access: a fresh JVM with an empty DJL cache, DJL offline, and every HTTP(S) proxy
 * pointed at a loopback socket that counts connections, starts the PyTorch engine from the Maven jars and trains; the
 * socket sees no connection. (Without the native jar on the classpath DJL would try to download libtorch.)
 */
@Tag("slow")
class OfflineTrainingTest {
  @TempDir
  Path tmp;

  @Test
  void trainingStartsFromTheJarsAndMakesNoNetworkAccess() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket trap = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!trap.isClosed()) {
          try (Socket s = trap.accept()) {
            connections.incrementAndGet();
          } catch (java.io.IOException closed) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String port = String.valueOf(trap.getLocalPort());
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + tmp.resolve("djl"), "-DENGINE_CACHE_DIR=" + tmp.resolve("engine"),
          "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port, "-Dhttps.proxyHost=127.0.0.1",
          "-Dhttps.proxyPort=" + port, "-Dhttp.nonProxyHosts=", "-Duser.home=" + tmp.resolve("home"),
          "-cp", classpath, OfflineTrainingProbe.class.getName()));
      Files.createDirectories(tmp.resolve("home"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(tmp.resolve("probe.log").toFile());
      pb.environment().put("DJL_CACHE_DIR", tmp.resolve("djl").toString());
      pb.environment().put("ENGINE_CACHE_DIR", tmp.resolve("engine").toString());
      pb.environment().put("DJL_OFFLINE", "true");
      Process p = pb.start();
      assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the probe timed out");
      String log = Files.readString(tmp.resolve("probe.log"), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), log);
      assertTrue(log.lines().anyMatch("OK"::equals), log);
      assertEquals(0, connections.get(), "connections attempted through the proxy: " + log);
      assertTrue(Files.walk(tmp.resolve("engine").toFile().exists() ? tmp.resolve("engine") : tmp.resolve("djl"))
          .anyMatch(f -> f.getFileName().toString().startsWith("libtorch")), "libtorch came out of the jar: "
          + String.join(File.pathSeparator, List.of(tmp.toFile().list())));
    }
  }
}
