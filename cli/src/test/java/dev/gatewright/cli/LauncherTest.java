package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./gatewright}, run on a copy of it in a scratch clone with a fake {@code mvn}
 * (which takes a second and writes the jar) and a fake {@code java} (which says what it was asked).
 */
class LauncherTest {

  private static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("gatewright");

  @TempDir Path work;
  private Path clone;
  private Path bin;
  private Path home;
  private Path mvnLog;

  @BeforeEach
  void scratchCloneWithFakeTools() throws Exception {
    Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0,
        "flock (util-linux) is not installed");
    clone = Files.createDirectories(work.resolve("clone"));
    Files.copy(LAUNCHER, clone.resolve("gatewright"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(clone.resolve("cli/src/main/java"));
    Files.writeString(clone.resolve("cli/src/main/java/Main.java"), "class Main {}\n");
    bin = Files.createDirectories(work.resolve("bin"));
    mvnLog = work.resolve("mvn-runs.log");
    script("mvn", "echo start >> '" + mvnLog + "'\nsleep 1\nmkdir -p cli/target/lib\necho jar > cli/target/gatewright-cli.jar\n"
        + "echo end >> '" + mvnLog + "'\necho 'maven says hello'\n${FAKE_MVN_EXIT:-true}\n");
    script("java", "echo \"ran $*\"\n");
    home = work.resolve("home");
  }

  private void script(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    assertTrue(file.toFile().setExecutable(true));
  }

  private Process launch(Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(clone.resolve("gatewright").toString(), "--version")
        .redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().put("HOME", home.toString());
    builder.environment().remove("XDG_CACHE_HOME");
    builder.environment().put("TMPDIR", work.resolve("tmp").toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  private static String finish(Process process) throws Exception {
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private Path logFolder(Path base) {
    return base.resolve("gatewright/launcher").resolve(clone.toString().replace('/', '_'));
  }

  @Test
  void twoLaunchersThatFindTheJarStaleBuildOnceOneAfterTheOther() throws Exception {
    Process first = launch(Map.of());
    Process second = launch(Map.of());
    String one = finish(first);
    String two = finish(second);
    assertEquals(0, first.exitValue(), one);
    assertEquals(0, second.exitValue(), two);
    assertTrue(one.contains("ran -cp") && two.contains("ran -cp"), one + two);
    assertEquals(List.of("start", "end"), Files.readAllLines(mvnLog), "one build, not two at once");
    Path log = logFolder(home.resolve(".cache")).resolve("build.log");
    assertTrue(Files.readString(log).contains("maven says hello"), "the log is this user's and this clone's");
  }

  @Test
  void aFailedBuildNamesItsLogInThisUsersCache() throws Exception {
    Process launcher = launch(Map.of("FAKE_MVN_EXIT", "false"));
    String output = finish(launcher);
    assertEquals(1, launcher.exitValue(), output);
    Path log = logFolder(home.resolve(".cache")).resolve("build.log");
    assertTrue(output.contains("the build failed; see " + log), output);
    assertTrue(output.contains("maven says hello"), "the end of the log is shown: " + output);
  }

  @Test
  void withoutAWritableHomeTheLogGoesToAFolderOfThisUserInTheTemporaryFolder() throws Exception {
    Files.writeString(home, "a file, not a folder");
    Process launcher = launch(Map.of());
    String output = finish(launcher);
    assertEquals(0, launcher.exitValue(), output);
    String uid = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip();
    Path log = work.resolve("tmp/gatewright-" + uid + "/launcher").resolve(clone.toString().replace('/', '_'))
        .resolve("build.log");
    assertTrue(output.contains("log: " + log), output);
    assertTrue(Files.readString(log).contains("maven says hello"), output);
  }
}
