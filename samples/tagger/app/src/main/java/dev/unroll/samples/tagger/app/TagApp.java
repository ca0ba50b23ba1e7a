package dev.unroll.samples.tagger.app;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Tags the sentences given as arguments (or two examples) and prints {@code word/TAG}. */
public final class TagApp {
  private TagApp() {}

  public static void main(String[] args) throws IOException {
    Tagger tagger = new Tagger();
    List<String> sentences = args.length > 0 ? Arrays.asList(args)
        : List.of("Jordan flew to Paris on Monday .", "Paris Okafor flew to Jordan on Monday .");
    for (String sentence : sentences) {
      List<String> words = Arrays.asList(sentence.split(" "));
      List<String> tags = tagger.tag(words);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < words.size(); i++) {
        line.append(i == 0 ? "" : " ").append(words.get(i)).append('/').append(tags.get(i));
      }
      System.out.println(line);
    }
  }
}
