package dev.gatewright.pipeline;

import dev.gatewright.pipeline.NetworkBuildReport.Cost;
import dev.gatewright.pipeline.NetworkBuildReport.Elaboration;
import dev.gatewright.pipeline.NetworkBuildReport.InputCheck;
import dev.gatewright.pipeline.NetworkBuildReport.Summary;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import java.nio.file.Path;

/**
 * What a {@link NetworkBuild} tells its caller while it runs, in this order: {@link #started}, {@link
 * #elaborated}, {@link #verifying}, {@link #verified}, with given inputs {@link #checkingInputs} and {@link
 * #checkedInputs}, {@link #costed}, then {@link #synthesizing} and
 * {@link #synthesized} for each target. Every step is a method without a default, so a step added
 * later fails to compile in every listener until it says what to do with it.
 */
public interface BuildListener {

  /** A listener that ignores every step. */
  BuildListener SILENT = new BuildListener() {
    @Override public void started(Summary network) {}
    @Override public void elaborated(Elaboration elaboration, Path folder) {}
    @Override public void verifying(String engine, String engineNote, long vectors) {}
    @Override public void verified(Verification verification) {}
    @Override public void checkingInputs(String inputs, long count) {}
    @Override public void checkedInputs(InputCheck check) {}
    @Override public void costed(Cost cost) {}
    @Override public void synthesizing(String target) {}
    @Override public void synthesized(Synthesis synthesis) {}
  };

  void started(Summary network);

  /** The design is written; {@code folder} is where it will be if the build succeeds. */
  void elaborated(Elaboration elaboration, Path folder);

  /** The check against the golden model starts on {@code engine}; {@code engineNote}, if not null, says why. */
  void verifying(String engine, String engineNote, long vectors);

  void verified(Verification verification);

  /** The hardware runs on {@code count} given inputs from {@code inputs} (after the random vectors verified). */
  void checkingInputs(String inputs, long count);

  void checkedInputs(InputCheck check);

  void costed(Cost cost);

  /** Synthesis for {@code target} starts (it may take minutes). */
  void synthesizing(String target);

  void synthesized(Synthesis synthesis);
}
