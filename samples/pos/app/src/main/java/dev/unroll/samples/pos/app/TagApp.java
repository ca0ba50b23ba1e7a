package dev.unroll.samples.pos.app;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Tags the sentences given as arguments (words separated by spaces, punctuation as its own word)
 * or two examples, and prints {@code word/TAG}.
 */
public final class TagApp {
  private TagApp() {}

  public static void main(String[] args) throws IOException {
    PartOfSpeechTagger tagger = new PartOfSpeechTagger();
    List<String> sentences = args.length > 0 ? Arrays.asList(args)
        : List.of("I would like to book a flight to Boston .", "She read the book in one evening .");
    for (String sentence : sentences) {
      List<String> words = Arrays.asList(sentence.strip().split("\\s+"));
      List<String> tags = tagger.tag(words);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < words.size(); i++) {
        line.append(i == 0 ? "" : " ").append(words.get(i)).append('/').append(tags.get(i));
      }
      System.out.println(line);
    }
  }
}
