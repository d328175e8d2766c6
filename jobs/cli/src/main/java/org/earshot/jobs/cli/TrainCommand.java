package org.earshot.jobs.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.util.model.BaseModel;
import org.earshot.jobs.console.Progress;
import org.earshot.jobs.training.ClassifierTraining;
import org.earshot.jobs.training.LabelledData;
import org.earshot.jobs.training.LabelledText;
import org.earshot.jobs.training.LanguageTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code earshot train sentiment|emotion}: a model from labelled posts, reproducibly. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a sentiment or emotion model from labelled posts (SemEval TSV or a folder of them, a "
                               + "TweetEval …_text.txt, JSON lines {\"text\",\"label\"}). The parameters are printed; the same data "
                               + "and seed give the same model."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TASK",
            description = "sentiment, emotion (the labels come from the data) or language (Earshot's second-opinion language model, from lang<TAB>text lines or language folders).")
    String task;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "The labelled posts.")
    Path data;

    @Option(names = "--exclude", paramLabel = "PATH",
            description = "Posts to keep out of training (e.g. the TweetEval validation tweets, which the SemEval files contain).")
    Path exclude;

    @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Where the model is written.")
    Path out;

    @Option(names = "--language", defaultValue = "en", paramLabel = "CODE", description = "The data's language (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--iterations", paramLabel = "N", description = "Optimizer iterations (default: 150).")
    Integer iterations;

    @Option(names = "--l2", paramLabel = "X", description = "L2 penalty (default: 0.5).")
    Double l2;

    @Option(names = "--seed", paramLabel = "N", description = "Shuffle seed (default: 42).")
    Long seed;

    @Option(names = "--lexicons", negatable = true, paramLabel = "",
            description = "Add the language's sentiment lexicons as features (default: on): for en VADER, AFINN-165, Bing Liu and the emoji ranking; for fr and it Pattern's and the emoji ranking; for any other language the emoji ranking.")
    Boolean lexicons;

    @Override
    public Integer call() throws Exception {
        if (!List.of("sentiment", "emotion", "language").contains(task)) {
            throw new IllegalArgumentException("TASK is sentiment, emotion or language, not " + task);
        }
        List<LabelledText> examples = LabelledData.read(data, "train");
        if (task.equals("language")) return trainLanguage(examples);
        if (exclude != null) {
            int before = examples.size();
            examples = LabelledData.without(examples, LabelledData.read(exclude, "val"));
            System.out.printf("left out %,d posts that are in %s%n", before - examples.size(), exclude);
        }
        ClassifierTraining defaults = ClassifierTraining.defaults();
        ClassifierTraining training = new ClassifierTraining(iterations != null ? iterations : defaults.iterations(),
                l2 != null ? l2 : defaults.l2(), defaults.cutoff(), seed != null ? seed : defaults.seed(), defaults.balance(),
                lexicons == null || lexicons);
        System.out.printf("%s model, %s, from %,d posts %s%n", task, language, examples.size(), ClassifierTraining.classCounts(examples));
        System.out.println(training.describe());
        DoccatModel model;
        long start = System.nanoTime();
        try (ProgressBar bar = Progress.bar("preparing", examples.size())) {
            model = training.train(language, examples, bar::stepTo);
        }
        return write(model, start);
    }

    /** Writes the model to {@code --out} and says so. */
    private int write(BaseModel model, long start) throws java.io.IOException {
        if (out.getParent() != null) Files.createDirectories(out.getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            model.serialize(os);
        }
        System.out.printf("trained in %.0f s; model written to %s (%,d bytes)%n", (System.nanoTime() - start) / 1e9, out, Files.size(out));
        return 0;
    }

    private int trainLanguage(List<LabelledText> examples) throws Exception {
        System.out.printf("language model from %,d posts %s%n%s%n", examples.size(), ClassifierTraining.classCounts(examples),
                LanguageTraining.DESCRIPTION);
        long start = System.nanoTime();
        LanguageDetectorModel model;
        try (ProgressBar bar = Progress.bar("training", 1)) {
            model = LanguageTraining.train(examples);
            bar.step();
        }
        return write(model, start);
    }
}
