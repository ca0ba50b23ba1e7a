package dev.unroll.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import java.util.List;
import java.util.Map;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.junit.jupiter.api.Test;

/** The POM's {@code <models>}, as Maven hands it to the goals, read into one {@link ModelSettings} per {@code <model>}. */
class ModelsElementTest {

  @SafeVarargs
  private static PlexusConfiguration models(Map<String, String>... eachModel) {
    XmlPlexusConfiguration models = new XmlPlexusConfiguration("models");
    for (Map<String, String> settings : eachModel) {
      XmlPlexusConfiguration model = new XmlPlexusConfiguration("model");
      settings.forEach((name, value) -> {
        XmlPlexusConfiguration element = new XmlPlexusConfiguration(name);
        element.setValue(value);
        model.addChild(element);
      });
      models.addChild(model);
    }
    return models;
  }

  @Test
  void eachModelElementIsSetByItsName() {
    List<ModelSettings> settings = AbstractModelsMojo.settings(models(
        Map.of("name", "CharModelNet", "learningRate", "0.01", "minAccuracy", "0.5"),
        Map.of("name", "ForecastNet", "patience", " 3 ")));
    assertEquals(Map.of("name", "CharModelNet", "learningRate", "0.01", "minAccuracy", "0.5"), settings.get(0).values());
    assertEquals(Map.of("name", "ForecastNet", "patience", "3"), settings.get(1).values());
    assertEquals(List.of(), AbstractModelsMojo.settings(null));
  }

  @Test
  void anElementThatIsNoSettingFailsWithTheListOfSettings() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> AbstractModelsMojo.settings(models(Map.of("name", "A"), Map.of("learningrate", "0.01"))));
    assertTrue(e.getMessage().startsWith("the POM's <models>, <model> number 2: no model setting <learningrate>"
        + " (did you mean <learningRate>?); the settings are [name, skip, data,"), e.getMessage());
  }

  @Test
  void theMessageNamesTheModelByItsName() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> AbstractModelsMojo.settings(models(Map.of("name", "ForecastNet", "epoch", "3"))));
    assertTrue(e.getMessage().startsWith("the POM's <models>, <model> number 1 (ForecastNet): no model setting <epoch>"
        + " (did you mean <epochs>?)"), e.getMessage());
  }

  @Test
  void anElementWithElementsInsideFails() {
    XmlPlexusConfiguration models = new XmlPlexusConfiguration("models");
    XmlPlexusConfiguration model = new XmlPlexusConfiguration("model");
    XmlPlexusConfiguration columns = new XmlPlexusConfiguration("columns");
    columns.addChild(new XmlPlexusConfiguration("column"));
    model.addChild(columns);
    models.addChild(model);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> AbstractModelsMojo.settings(models));
    assertEquals("the POM's <models>, <model> number 1: <columns> holds elements; write its value as text",
        e.getMessage());
  }
}
