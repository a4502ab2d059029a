package dev.gatewright.nn.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model on disk: its architecture (the JSON Keras writes, from a {@code .json} file or the
 * {@code model_config} attribute of an {@code .h5}) and its weights (per layer, in the order of the layer's
 * {@code weight_names}), read with jHDF and Jackson. Used by the importer and by the reference alike.
 */
public record KerasModelFile(Path file, JsonNode architecture, Map<String, List<double[]>> weights,
    Map<String, List<long[]>> shapes) {

  /**
   * Reads {@code model}: an {@code .h5} with the architecture inside, an {@code .h5} of weights beside
   * its architecture {@code <name>.json} (for {@code <name>_weights.h5}), or a {@code .json} beside its
   * {@code <name>_weights.h5}.
   */
  public static KerasModelFile read(Path model) {
    String name = model.getFileName().toString();
    Path h5;
    Path json = null;
    if (name.endsWith(".json")) {
      json = model;
      h5 = model.resolveSibling(name.substring(0, name.length() - 5) + "_weights.h5");
      if (!Files.isRegularFile(h5)) {
        throw new IllegalArgumentException("no weights beside the architecture: expected " + h5.getFileName());
      }
    } else {
      h5 = model;
    }
    try (HdfFile hdf = new HdfFile(h5)) {
      Group root = hdf;
      Attribute config = hdf.getAttribute("model_config");
      JsonNode architecture;
      if (json != null) {
        architecture = parse(Files.readString(json), json);
      } else if (config != null) {
        architecture = parse(string(config.getData()), h5);
      } else {
        String stem = name.replaceFirst("\\.(h5|hdf5)$", "").replaceFirst("_weights$", "");
        Path sibling = h5.resolveSibling(stem + ".json");
        if (!Files.isRegularFile(sibling)) {
          throw new IllegalArgumentException("the file holds weights only and no architecture " + sibling.getFileName()
              + " is beside it");
        }
        architecture = parse(Files.readString(sibling), sibling);
      }
      Node mw = hdf.getChildren().get("model_weights");
      if (mw instanceof Group g) {
        root = g;
      }
      Map<String, List<double[]>> weights = new HashMap<>();
      Map<String, List<long[]>> shapes = new HashMap<>();
      for (Node layer : root.getChildren().values()) {
        if (!(layer instanceof Group g)) {
          continue;
        }
        List<double[]> values = new ArrayList<>();
        List<long[]> dims = new ArrayList<>();
        Attribute names = g.getAttribute("weight_names");
        if (names != null) {
          for (String w : strings(names.getData())) {
            Node n = g.getByPath(w);
            if (!(n instanceof Dataset d)) {
              throw new IllegalArgumentException("layer " + g.getName() + ": weight " + w + " is not a dataset");
            }
            values.add(flatten(d.getData()));
            dims.add(java.util.Arrays.stream(d.getDimensions()).asLongStream().toArray());
          }
        }
        weights.put(g.getName(), values);
        shapes.put(g.getName(), dims);
      }
      return new KerasModelFile(model, architecture, weights, shapes);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read: " + e.getMessage(), e);
    } catch (io.jhdf.exceptions.HdfException e) {
      throw new IllegalArgumentException("not a readable HDF5 file: " + e.getMessage(), e);
    }
  }

  /** The layer's weights in Keras's order (kernel, bias; gamma, beta, mean, variance), or an empty list. */
  public List<double[]> weights(String layer) {
    return weights.getOrDefault(layer, List.of());
  }

  public List<long[]> shapes(String layer) {
    return shapes.getOrDefault(layer, List.of());
  }

  /** The layers' JSON objects, in order. */
  public List<JsonNode> layers() {
    JsonNode config = architecture.get("config");
    JsonNode layers = config != null && config.isObject() ? config.get("layers") : config;
    if (layers == null || !layers.isArray()) {
      throw new IllegalArgumentException("the architecture has no layer list");
    }
    List<JsonNode> list = new ArrayList<>();
    layers.forEach(list::add);
    return list;
  }

  private static JsonNode parse(String text, Path from) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(from.getFileName() + ": the architecture is not valid JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  private static String string(Object data) {
    if (data instanceof String s) {
      return s;
    }
    if (data instanceof String[] a && a.length == 1) {
      return a[0];
    }
    throw new IllegalArgumentException("model_config is not a string");
  }

  private static List<String> strings(Object data) {
    List<String> list = new ArrayList<>();
    if (data instanceof String s) {
      list.add(s);
    } else if (data != null && data.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(data); i++) {
        list.add(String.valueOf(Array.get(data, i)));
      }
    }
    return list;
  }

  /** Any jHDF numeric array (nested, any primitive) as a flat row-major double array. */
  static double[] flatten(Object data) {
    List<Double> out = new ArrayList<>();
    collect(data, out);
    double[] v = new double[out.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = out.get(i);
    }
    return v;
  }

  private static void collect(Object data, List<Double> out) {
    if (data == null) {
      return;
    }
    if (data.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(data); i++) {
        collect(Array.get(data, i), out);
      }
    } else if (data instanceof Number n) {
      out.add(n.doubleValue());
    } else if (data instanceof Boolean b) {
      out.add(b ? 1.0 : 0.0);
    } else {
      throw new IllegalArgumentException("non-numeric weight data " + data.getClass().getSimpleName());
    }
  }
}
