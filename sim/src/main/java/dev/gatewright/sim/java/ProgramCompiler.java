package dev.gatewright.sim.java;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Turns a {@link ProgramPlan} into classes: its chunks as static methods, several per class (a class
 * stops before its code could overflow the 65,535 entries of a constant pool), a tree of driver
 * methods calling them in order when there are many, and an entry class implementing
 * {@link GeneratedProgram}.
 */
final class ProgramCompiler {

  /** HotSpot leaves methods above this many bytes of bytecode to the interpreter (-XX:-DontCompileHugeMethods). */
  static final int HUGE_METHOD = 8_000;
  /** Code per class: every constant-pool entry a chunk adds costs it at least one byte of code. */
  private static final int CLASS_CODE = 40_000;
  /** Calls per driver method: at most 11 bytes each (six loads and the call). */
  private static final int FAN_OUT = 500;
  private static final String PACKAGE = "dev/gatewright/sim/java/generated/";

  /** What was generated, for reports and tests; {@code underestimated}: chunks larger than their estimate (a bug). */
  record Statistics(int chunks, int classes, long codeBytes, int largestMethod, int underestimated) {

    Statistics plus(Statistics other) {
      return new Statistics(chunks + other.chunks, classes + other.classes, codeBytes + other.codeBytes,
          Math.max(largestMethod, other.largestMethod), underestimated + other.underestimated);
    }
  }

  /** A chunk came out larger than the JIT compiles: the plan must be cut finer. */
  static final class ChunkTooLarge extends RuntimeException {
    ChunkTooLarge(String message) {
      super(message);
    }
  }

  /** A compiled pass and what it took. */
  record Compiled(GeneratedProgram program, Statistics statistics) {}

  private final DesignLoader loader;
  private final String prefix;
  private int classCount;
  private int generatedClasses;
  private long codeBytes;
  private int largestMethod;
  private int underestimated;

  ProgramCompiler(DesignLoader loader, String designName) {
    this.loader = loader;
    this.prefix = PACKAGE + identifier(designName) + "$";
  }

  Compiled compile(ProgramPlan plan, ChunkEmitter emitter, String pass) {
    generatedClasses = 0;
    codeBytes = 0;
    largestMethod = 0;
    underestimated = 0;
    List<String[]> targets = new ArrayList<>();
    ClassWriter writer = null;
    String owner = null;
    int classCode = 0;
    for (int chunk = 0; chunk < plan.chunks(); chunk++) {
      int estimate = plan.chunkEstimates[chunk] + 1;
      if (writer == null || classCode + estimate > CLASS_CODE) {
        finish(writer, owner);
        owner = prefix + pass + classCount++;
        writer = newClass(owner, null);
        classCode = 0;
      }
      String name = "c" + chunk;
      MethodVisitor method = writer.visitMethod(ACC_PUBLIC | ACC_STATIC, name, ChunkEmitter.DESCRIPTOR, null, null);
      int size = emitter.emit(method, plan, chunk);
      if (size > HUGE_METHOD) {
        throw new ChunkTooLarge("chunk " + chunk + " of " + pass + " took " + size + " bytes of bytecode; its "
            + "estimate was " + estimate);
      }
      if (size > estimate) {
        underestimated++;
      }
      largestMethod = Math.max(largestMethod, size);
      codeBytes += size;
      classCode += size;
      targets.add(new String[] {owner, name});
    }
    finish(writer, owner);
    while (targets.size() > FAN_OUT) {
      targets = drivers(targets, pass);
    }
    String entry = prefix + pass + "Entry" + classCount++;
    ClassWriter entryWriter = newClass(entry, "dev/gatewright/sim/java/GeneratedProgram");
    MethodVisitor init = entryWriter.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    MethodVisitor run = entryWriter.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", ChunkEmitter.DESCRIPTOR, null, null);
    calls(run, targets, 1);
    finish(entryWriter, entry);
    try {
      Class<?> type = loader.loadClass(entry.replace('/', '.'));
      GeneratedProgram program = (GeneratedProgram) type.getDeclaredConstructor().newInstance();
      return new Compiled(program, new Statistics(plan.chunks(), generatedClasses, codeBytes, largestMethod,
          underestimated));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not load the generated " + entry, e);
    }
  }

  /** Groups calls into driver methods; returns the calls of the drivers. */
  private List<String[]> drivers(List<String[]> targets, String pass) {
    List<String[]> drivers = new ArrayList<>();
    ClassWriter writer = null;
    String owner = null;
    for (int start = 0; start < targets.size(); start += FAN_OUT) {
      if (writer == null || drivers.size() % 4 == 0) {
        finish(writer, owner);
        owner = prefix + pass + "Driver" + classCount++;
        writer = newClass(owner, null);
      }
      String name = "d" + drivers.size();
      MethodVisitor method = writer.visitMethod(ACC_PUBLIC | ACC_STATIC, name, ChunkEmitter.DESCRIPTOR, null, null);
      calls(method, targets.subList(start, Math.min(targets.size(), start + FAN_OUT)), 0);
      drivers.add(new String[] {owner, name});
    }
    finish(writer, owner);
    return drivers;
  }

  /** A method that passes its arguments (from local {@code first} on) to each target in turn. */
  private void calls(MethodVisitor method, List<String[]> targets, int first) {
    method.visitCode();
    for (String[] target : targets) {
      for (int i = 0; i < 5; i++) {
        method.visitVarInsn(ALOAD, first + i);
      }
      method.visitVarInsn(LLOAD, first + 5);
      method.visitMethodInsn(INVOKESTATIC, target[0], target[1], ChunkEmitter.DESCRIPTOR, false);
    }
    method.visitInsn(RETURN);
    Label end = new Label();
    method.visitLabel(end);
    method.visitMaxs(0, 0);
    method.visitEnd();
    codeBytes += end.getOffset();
    largestMethod = Math.max(largestMethod, end.getOffset());
  }

  private static ClassWriter newClass(String name, String implemented) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, "java/lang/Object",
        implemented == null ? null : new String[] {implemented});
    return writer;
  }

  private void finish(ClassWriter writer, String name) {
    if (writer == null) {
      return;
    }
    writer.visitEnd();
    loader.add(name.replace('/', '.'), writer.toByteArray());
    generatedClasses++;
  }

  /** A design name as a Java identifier, for readable class names in profiles. */
  private static String identifier(String name) {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      id.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    return id.length() == 0 || !Character.isJavaIdentifierStart(id.charAt(0)) ? "d" + id : id.toString();
  }
}
