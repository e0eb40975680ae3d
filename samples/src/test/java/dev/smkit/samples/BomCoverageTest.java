package dev.smkit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code smkit-bom} must pin exactly the published modules of the reactor. The rule: a module is published unless
 * its POM sets {@code maven.deploy.skip} to {@code true} (benchmarks and samples do); the BOM itself is published
 * but does not list itself.
 */
class BomCoverageTest {

    private static Path root;
    private static Map<String, Path> modulesByArtifactId;

    @BeforeAll
    static void readReactor() throws Exception {
        // Surefire runs in samples/; the reactor root is its parent.
        root = Paths.get("").toAbsolutePath().getParent();
        modulesByArtifactId = new TreeMap<>();
        for (String module : children(parse(root.resolve("pom.xml")), "modules", "module")) {
            Path pom = root.resolve(module).resolve("pom.xml");
            modulesByArtifactId.put(text(parse(pom).getDocumentElement(), "artifactId"), pom);
        }
    }

    @Test
    void reactorIsFoundWithTheModulesWeKnow() {
        assertThat(modulesByArtifactId).containsKeys("smkit-bom", "smkit-emulator", "smkit-caching", "smkit-jdbc",
                "smkit-samples", "smkit-benchmarks");
    }

    @Test
    void bomListsEveryPublishedModuleAndNothingElse() throws Exception {
        List<String> published = new ArrayList<>();
        for (Map.Entry<String, Path> module : modulesByArtifactId.entrySet()) {
            if (!module.getKey().equals("smkit-bom") && !skips(module.getValue(), "maven.deploy.skip")) {
                published.add(module.getKey());
            }
        }
        Document bom = parse(root.resolve("bom/pom.xml"));
        List<String> pinned = new ArrayList<>();
        for (Element dependency : elements(bom.getDocumentElement(), "dependencyManagement", "dependencies",
                "dependency")) {
            assertThat(text(dependency, "groupId")).isEqualTo("dev.smkit");
            assertThat(text(dependency, "version")).as(text(dependency, "artifactId")).isEqualTo("${project.version}");
            pinned.add(text(dependency, "artifactId"));
        }
        assertThat(new TreeSet<>(pinned)).as("artifacts pinned by bom/pom.xml")
                .containsExactlyElementsOf(new TreeSet<>(published));
        assertThat(pinned).doesNotHaveDuplicates();
    }

    @Test
    void unpublishedModulesAreNotInstalledEither() throws Exception {
        for (Map.Entry<String, Path> module : modulesByArtifactId.entrySet()) {
            assertThat(skips(module.getValue(), "maven.install.skip")).as(module.getKey() + " install vs deploy skip")
                    .isEqualTo(skips(module.getValue(), "maven.deploy.skip"));
        }
        assertThat(skips(modulesByArtifactId.get("smkit-samples"), "maven.deploy.skip")).isTrue();
        assertThat(skips(modulesByArtifactId.get("smkit-benchmarks"), "maven.deploy.skip")).isTrue();
    }

    @Test
    void bomHasNoParentSoImportingItPinsOnlySmkit() throws Exception {
        Document bom = parse(root.resolve("bom/pom.xml"));
        assertThat(children(bom, "parent")).isEmpty();
        assertThat(text(bom.getDocumentElement(), "packaging")).isEqualTo("pom");
    }

    private static boolean skips(Path pom, String property) throws Exception {
        Element properties = first(parse(pom).getDocumentElement(), "properties");
        return properties != null && "true".equals(text(properties, property));
    }

    private static Document parse(Path file) throws Exception {
        assertThat(file).exists();
        try (var in = Files.newInputStream(file)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<String> children(Document document, String... path) {
        List<String> values = new ArrayList<>();
        for (Element e : elements(document.getDocumentElement(), path)) {
            values.add(e.getTextContent().trim());
        }
        return values;
    }

    /** The elements at {@code path} below {@code parent}, following direct children only. */
    private static List<Element> elements(Element parent, String... path) {
        List<Element> current = List.of(parent);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element e : current) {
                for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element && n.getNodeName().equals(name)) {
                        next.add((Element) n);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static Element first(Element parent, String name) {
        List<Element> found = elements(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String name) {
        Element e = first(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
