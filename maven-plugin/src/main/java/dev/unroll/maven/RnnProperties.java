package dev.unroll.maven;

import dev.unroll.maven.config.Overrides;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The goals' {@code rnn.*} user properties, found in what Maven already knows rather than written a
 * second time: a goal's descriptor (generated from its {@code @Parameter} annotations) names each
 * parameter's field and expression, {@code ${rnn.prime}}, and the field holds the value Maven
 * injected. So a new parameter is one annotated field.
 */
final class RnnProperties {
  private RnnProperties() {}

  /** Every {@code rnn.*} property a goal of the plugin reads, sorted. */
  static SortedSet<String> declared(PluginDescriptor plugin) {
    SortedSet<String> properties = new TreeSet<>();
    for (MojoDescriptor goal : plugin.getMojos()) {
      for (PlexusConfiguration parameter : goal.getMojoConfiguration().getChildren()) {
        String property = rnnProperty(parameter.getValue());
        if (property != null) {
          properties.add(property);
        }
      }
    }
    return properties;
  }

  /**
   * The parameters the goal hands to the plugin's core: every parameter with an {@code rnn.*}
   * property that the goal's classes below {@link AbstractRnnMojo} declare, its value as text under
   * its property, those whose value is {@code null} left out. {@code rnn.skip} and {@code rnn.fork},
   * declared in {@code AbstractRnnMojo} and above, are the mojo's own switches; {@code skipTests} is
   * Maven's property, not the core's.
   */
  static Map<String, String> coreParameters(AbstractRnnMojo mojo, MojoDescriptor goal) {
    Map<String, String> parameters = new LinkedHashMap<>();
    // The descriptor's configuration lists each parameter, named by its field, with its expression.
    for (PlexusConfiguration parameter : goal.getMojoConfiguration().getChildren()) {
      String property = rnnProperty(parameter.getValue());
      if (property == null) {
        continue;
      }
      Field field = field(mojo.getClass(), parameter.getName());
      Object value = field.getDeclaringClass().isAssignableFrom(AbstractRnnMojo.class) ? null : value(field, mojo);
      if (value != null) {
        parameters.put(property, value.toString());
      }
    }
    return parameters;
  }

  /** The {@code rnn.*} property of an expression such as {@code ${rnn.prime}}, or {@code null}. */
  private static String rnnProperty(String expression) {
    boolean ours = expression != null && expression.startsWith("${" + Overrides.PREFIX) && expression.endsWith("}");
    return ours ? expression.substring(2, expression.length() - 1) : null;
  }

  /** The field of {@code type} or a superclass that Maven injects the parameter into. */
  private static Field field(Class<?> type, String parameter) {
    for (Class<?> t = type; t != Object.class; t = t.getSuperclass()) {
      try {
        return t.getDeclaredField(parameter);
      } catch (NoSuchFieldException e) {
        // declared further up
      }
    }
    throw new IllegalStateException("no field for parameter " + parameter + " in " + type.getName());
  }

  /** The value Maven injected, read reflectively as Maven wrote it: the goals' fields stay private, without getters. */
  private static Object value(Field field, Object mojo) {
    try {
      field.setAccessible(true);
      return field.get(mojo);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read parameter " + field.getName(), e);
    }
  }
}
