package dev.gatewright.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What must happen when the JVM exits before the work that registered it is done: Ctrl-C, {@code kill}
 * (SIGTERM), {@code System.exit} from elsewhere. Stages run in order from one shutdown hook, so tools
 * are killed ({@link Stage#STOP_TOOLS}) before the folders they write into are marked failed ({@link
 * Stage#MARK_FOLDERS}). A SIGKILL or a power cut runs nothing: what that leaves is described where
 * each folder kind is.
 */
public final class OnExit {

  /** When an action runs relative to the others. */
  public enum Stage {
    /** End external processes first, so nothing writes into a folder while it is renamed. */
    STOP_TOOLS,
    /** Then mark unfinished output folders failed. */
    MARK_FOLDERS
  }

  /** A registered action; {@link #close()} removes it once the work it guards is done. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final AtomicLong NEXT = new AtomicLong();
  private static final Map<Stage, Map<Long, Runnable>> ACTIONS = new ConcurrentHashMap<>();

  static {
    for (Stage stage : Stage.values()) {
      ACTIONS.put(stage, new ConcurrentHashMap<>());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(OnExit::runAll, "gatewright-on-exit"));
  }

  private OnExit() {}

  /** Runs {@code action} at exit, in {@code stage}, unless the registration is closed first. */
  public static Registration register(Stage stage, Runnable action) {
    long id = NEXT.incrementAndGet();
    ACTIONS.get(stage).put(id, action);
    return () -> ACTIONS.get(stage).remove(id);
  }

  private static void runAll() {
    for (Stage stage : Stage.values()) {
      List<Runnable> actions = new ArrayList<>(ACTIONS.get(stage).values());
      for (Runnable action : actions) {
        try {
          action.run();
        } catch (RuntimeException | Error ignored) {
          // the JVM is exiting: one action failing must not keep the others from running
        }
      }
    }
  }
}
