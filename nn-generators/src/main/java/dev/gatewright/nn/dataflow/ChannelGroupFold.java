package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.when;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import dev.gatewright.hdl.VecType;

/**
 * The front of a stage that folds a channels-last stream into one running value per channel group: beats arrive
 * as {@code positions} positions of {@code groups} channel groups each; after one register stage ({@code v1},
 * {@code x1}) the stage knows whether the beat is its group's first or last position, reads the group's running
 * value ({@link #running}, a register for one group, else a table) and keeps the new one ({@link #keep}).
 * {@link PoolStage Max pools} fold a window's positions, {@link GlobalPoolStage global pools} a whole map's.
 */
final class ChannelGroupFold {

  final OutputSlot<Vec<Fixed>> slot;
  /** The slot takes a beat this cycle: the stage moves. */
  final Bool enable;
  /** A beat is in the register stage. */
  final Bool valid;
  /** The beat in the register stage. */
  final Vec<Fixed> beat;
  final Bool first;
  final Bool last;
  private final UInt group;
  private final int groups;
  private Vec<Fixed> state;
  private Memory<Vec<Fixed>> table;

  private ChannelGroupFold(ModuleBuilder m, StageIo<Vec<Fixed>> io, int groups, String positionName, int positions) {
    this.groups = groups;
    slot = OutputSlot.of(m, io.out);
    enable = slot.enable();
    Bool issue = enable.and(io.in.valid).named("issue");
    io.in.ready.assign(enable);
    UInt groupCounter = Hw.counter(m, "group", groups);
    UInt position = Hw.counter(m, positionName, positions);
    Hw.advance(groupCounter, groups, issue);
    Hw.advance(position, positions, issue.and(Hw.at(groupCounter, groups - 1)));
    valid = slot.validStage("v1", issue);
    beat = slot.stage("x1", io.in.payload);
    first = positions == 1 ? constant(true) : slot.stage("first1", Hw.at(position, 0));
    last = positions == 1 ? first : slot.stage("last1", Hw.at(position, positions - 1));
    group = groupCounter == null ? null : slot.stage("group1", groupCounter);
  }

  /** Starts the fold in {@code m}: {@code positionName} names the counter of positions within a fold. */
  static ChannelGroupFold of(ModuleBuilder m, StageIo<Vec<Fixed>> io, int groups, String positionName,
      int positions) {
    return new ChannelGroupFold(m, io, groups, positionName, positions);
  }

  /** The running value of the beat's group, named {@code name}, of type {@code type}; asked for once. */
  Vec<Fixed> running(ModuleBuilder m, String name, VecType<Fixed> type) {
    if (state != null) {
      throw new IllegalStateException("the running value is already declared");
    }
    if (groups == 1) {
      state = m.reg(name, type);
    } else {
      table = m.memory(name, groups, type);
      state = table.readAsync(Hw.address(group, groups));
    }
    return state;
  }

  /** Keeps {@code next} as the group's running value whenever the stage moves with a beat. */
  void keep(Vec<Fixed> next) {
    Bool step = enable.and(valid);
    if (table == null) {
      Vec<Fixed> reg = state;
      when(step, () -> reg.assign(next));
    } else {
      UInt at = Hw.address(group, groups);
      when(step, () -> table.write(at, next));
    }
  }
}
