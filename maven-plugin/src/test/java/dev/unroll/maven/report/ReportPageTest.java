package dev.unroll.maven.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.evaluate.EvaluationRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The HTML report of each kind of model, parsed (it is well-formed, so an XML parser reads it and
 * each SVG picture): the task's picture, the baselines, units on the figures, the settings as
 * used, one throughput figure that agrees with the console, and rnn:evaluate's test figures.
 */
class ReportPageTest {
  @TempDir
  Path dir;

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder b = f.newDocumentBuilder();
    return b.parse(file.toFile());
  }

  private static NodeList nodes(Document d, String xpath) throws Exception {
    XPath x = XPathFactory.newInstance().newXPath();
    return (NodeList) x.evaluate(xpath, d, XPathConstants.NODESET);
  }

  private static String text(Document d, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, d);
  }

  /** Each SVG element of the page, re-parsed on its own as an SVG document. */
  private static List<Document> svgs(Document page) throws Exception {
    List<Document> out = new ArrayList<>();
    NodeList list = nodes(page, "//*[local-name()='svg']");
    for (int i = 0; i < list.getLength(); i++) {
      javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
      java.io.StringWriter w = new java.io.StringWriter();
      t.transform(new javax.xml.transform.dom.DOMSource(list.item(i)), new javax.xml.transform.stream.StreamResult(w));
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      Document svg = f.newDocumentBuilder().parse(new ByteArrayInputStream(w.toString().getBytes(StandardCharsets.UTF_8)));
      assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
      out.add(svg);
    }
    return out;
  }

  @Test
  void aForecastersReportDrawsForecastAgainstTruthAndCarriesTheTestFigures() throws Exception {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train(ModelSettings.of(Map.of("name", "TinySeriesNet", "validationSplit", "0.25")));
    Path file = p.target.resolve("rnn-reports/TinySeriesNet.html");
    Document page = parse(file);

    Document forecast = null;
    for (Document svg : svgs(page)) {
      if (svg.getDocumentElement().getAttribute("aria-label").contains("forecast against truth")) {
        forecast = svg;
      }
    }
    assertTrue(forecast != null, "no forecast picture");
    NodeList lines = forecast.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
    assertEquals(2, lines.getLength(), "truth and forecast");
    int windows = ((Element) lines.item(0)).getAttribute("points").strip().split("\\s+").length;
    assertTrue(windows > 1, "one point per validation window");
    assertEquals(windows, ((Element) lines.item(1)).getAttribute("points").strip().split("\\s+").length);

    String html = Files.readString(file);
    assertTrue(html.contains("<th>MAE (data units)</th>"), html);
    assertTrue(html.contains("<th>loss (MSE, normalised units)</th>"), html);
    assertTrue(text(page, "//table[@class='baselines']").contains("last value"), html);
    // The settings as used: the columns the reader chose, no "null".
    assertFalse(html.contains("null"), html);
    assertTrue(html.contains("<th>columns</th><td>value (from the header)</td>"), html);
    assertTrue(html.contains("<th>patience</th><td>0 (no early stopping)</td>"), html);

    // One throughput figure, the one the console printed, with its unit.
    assertTrue(html.contains("<th>samples/s</th>") && !html.contains("tokens/s"), html);
    Matcher console = Pattern.compile("TinySeriesNet: epoch 1/\\d+ .*?  ([\\d,]+) samples/s").matcher(p.log.text());
    assertTrue(console.find(), p.log.text());
    assertEquals(console.group(1), text(page, "//table[tr/th='samples/s']/tr[td[1]='1']/td[6]"));

    EvaluationRun.run(new EvaluationRun.Request(p.layout(), List.of(ModelSettings.of(Map.of("name", "TinySeriesNet",
        "testData", "data/series-test.csv"))), Overrides.none()), p.log);
    page = parse(file);
    assertTrue(text(page, "//h2[.='Evaluation (rnn:evaluate)']/following-sibling::p[1]")
        .startsWith("On test data data/series-test.csv"));
    assertEquals(1, nodes(page, "//*[local-name()='svg'][contains(@aria-label, 'over the test windows')]").getLength());
    assertTrue(p.log.contains("Model TinySeriesNet against the baselines: last value mae"), p.log.text());
  }

  @Test
  void aClassifiersReportHasAConfusionTableOverItsValidationData() throws Exception {
    TestProject p = new TestProject(dir, "TinyClassifierNet");
    p.train(ModelSettings.of(Map.of("name", "TinyClassifierNet", "validationSplit", "0.5")));
    Document page = parse(p.target.resolve("rnn-reports/TinyClassifierNet.html"));
    NodeList cells = nodes(page, "//table[@class='confusion']//td");
    long total = 0;
    for (int i = 0; i < cells.getLength(); i++) {
      total += Long.parseLong(cells.item(i).getTextContent());
    }
    long lines = Files.readAllLines(p.data("labels.tsv")).stream().filter(l -> !l.isBlank()).count();
    long validation = lines - Math.round(lines * 0.5);
    assertTrue(Math.abs(total - validation) <= 1, total + " of " + lines + " lines");
    assertEquals(4, cells.getLength(), "two labels, two by two");
    assertTrue(text(page, "//table[@class='baselines']").contains("majority class"));
    assertTrue(p.log.contains("TinyClassifierNet: baselines on the validation data: majority class accuracy"),
        p.log.text());
  }

  @Test
  void aTextModelsReportShowsGeneratedSamplesAndTheUnigramBaseline() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet");
    p.train();
    Path file = p.target.resolve("rnn-reports/TinyCharNet.html");
    Document page = parse(file);
    NodeList samples = nodes(page, "//pre[@class='sample']");
    assertEquals(3, samples.getLength());
    for (int i = 0; i < samples.getLength(); i++) {
      assertEquals(200, samples.item(i).getTextContent().codePointCount(0, samples.item(i).getTextContent().length()));
    }
    assertTrue(text(page, "//table[@class='baselines']").contains("unigram"));
    assertTrue(Files.readString(file).contains("<th>tokens/s</th>"));
    String card = Files.readString(p.modelDirectory().resolve("TinyCharNet.card.json"));
    assertTrue(card.contains("unigram bits per symbol"), card);
  }

  @Test
  void aTaggersReportHasAConfusionTableAndTheMajorityTagBaseline() throws Exception {
    TestProject p = new TestProject(dir, "TinyTaggerNet");
    p.train(ModelSettings.of(Map.of("name", "TinyTaggerNet", "validationSplit", "0.3")));
    Document page = parse(p.target.resolve("rnn-reports/TinyTaggerNet.html"));
    Node table = nodes(page, "//table[@class='confusion']").item(0);
    assertTrue(table != null);
    assertTrue(text(page, "//table[@class='baselines']").contains("majority tag per word"));
  }
}
