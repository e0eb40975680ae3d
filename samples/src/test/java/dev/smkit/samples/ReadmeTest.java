package dev.smkit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.smkit.samples.demo.DemoOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The root README is what CI executes and what users follow: keep it in step with the build and the demo. */
class ReadmeTest {

    private static Path root;
    private static String readme;

    @BeforeAll
    static void read() throws IOException {
        root = Paths.get("").toAbsolutePath().getParent();
        readme = Files.readString(root.resolve("README.md"));
    }

    @Test
    void firstBashBlockHoldsTheDemoThenTheTestCommand() {
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).isTrue();
        List<String> commands = block.group(1).lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).contains("-Pdemo", "-pl samples", "-am");
        assertThat(commands.get(1)).isEqualTo("mvn -B verify");
        assertThat(readme.indexOf("```bash")).as("the block comes first").isLessThan(readme.indexOf("## "));
    }

    @Test
    void ciScriptRunsTheReadmeCommands() throws IOException {
        String ci = Files.readString(root.resolve(".ci/run"));
        assertThat(ci).contains("mvn -B verify").contains("README.md");
    }

    @Test
    void everyDemoOptionIsDocumented() {
        Matcher option = Pattern.compile("(--[a-z-]+) ").matcher(DemoOptions.usage());
        List<String> options = new ArrayList<>();
        while (option.find()) {
            options.add(option.group(1));
        }
        options.remove("--help");
        assertThat(options).hasSizeGreaterThanOrEqualTo(6);
        for (String name : options) {
            assertThat(readme).as("README mentions " + name).contains("`" + name);
        }
    }

    @Test
    void moduleTableNamesEveryReactorModule() throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (module.find()) {
            assertThat(readme).as("module table row for " + module.group(1)).contains("`" + module.group(1) + "/`");
        }
    }

    @Test
    void relativeLinksPointAtFilesThatExist() {
        Matcher link = Pattern.compile("\\]\\(([^)#:]+)\\)").matcher(readme);
        List<String> missing = new ArrayList<>();
        int links = 0;
        while (link.find()) {
            links++;
            if (!Files.exists(root.resolve(link.group(1)))) {
                missing.add(link.group(1));
            }
        }
        assertThat(links).isGreaterThan(10);
        assertThat(missing).as("README links to missing files").isEmpty();
    }

    @Test
    void everyModuleWithAPublicApiHasAReadme() {
        for (String readmeOf : Stream.of("caching-client", "jdbc-wrapper", "emulator", "pool-integrations", "samples",
                "micrometer", "spring-boot")
                .collect(Collectors.toList())) {
            assertThat(root.resolve(readmeOf).resolve("README.md")).exists();
        }
    }
}
