package lrsched;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph of src/docs/architecture.md, enforced: data flows one way, inputs -> schedules -> sinks, with the
 * command line on top. Each rule names what a layer may use; anything else fails the build.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lrsched");
    }

    /** Classes of {@code packages} may use nothing of lrsched outside {@code allowed} (patterns as ArchUnit's). */
    private static ArchRule onlyUses(String packages, String... allowed) {
        DescribedPredicate<JavaClass> elsewhere = DescribedPredicate.describe("lrsched classes outside "
                + String.join(", ", allowed), c -> c.getPackageName().startsWith("lrsched")
                && !inAny(c.getPackageName(), allowed));
        return noClasses().that().resideInAPackage(packages).should().dependOnClassesThat(elsewhere);
    }

    private static boolean inAny(String pkg, String... patterns) {
        for (String p : patterns) {
            String base = p.endsWith("..") ? p.substring(0, p.length() - 2) : p;
            if (pkg.equals(base) || (p.endsWith("..") && pkg.startsWith(base + "."))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("lrsched.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theCoreIsALeaf() {
        onlyUses("lrsched.core", "lrsched.core").check(classes);
    }

    @Test
    void schedulesAndFormulasArePure() {
        onlyUses("lrsched.schedule", "lrsched.core", "lrsched.schedule").check(classes);
        onlyUses("lrsched.expr", "lrsched.core", "lrsched.expr").check(classes);
    }

    @Test
    void theRegistryKnowsNoLibrary() {
        onlyUses("lrsched.registry", "lrsched.core", "lrsched.schedule", "lrsched.expr", "lrsched.registry")
                .check(classes);
    }

    @Test
    void catalogsBuildOnTheRegistryOnly() {
        onlyUses("lrsched.natives", "lrsched.core", "lrsched.schedule", "lrsched.expr", "lrsched.registry",
                "lrsched.natives").check(classes);
        onlyUses("lrsched.compat..", "lrsched.core", "lrsched.schedule", "lrsched.expr", "lrsched.registry",
                "lrsched.compat..").check(classes);
    }

    @Test
    void inputsReadFilesAndKnowNoSink() {
        onlyUses("lrsched.input..", "lrsched.core", "lrsched.registry", "lrsched.expr", "lrsched.input..")
                .check(classes);
    }

    @Test
    void sinksTakeSchedulesAndDataNotFiles() {
        onlyUses("lrsched.output..", "lrsched.core", "lrsched.schedule", "lrsched.output..").check(classes);
    }

    @Test
    void onlyTheCommandLineUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("lrsched.cli").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(classes);
    }

    @Test
    void onlyChartsUseTheChartingLibraries() {
        noClasses().that().resideOutsideOfPackage("lrsched.output.chart").should().dependOnClassesThat()
                .resideInAnyPackage("org.knowm.xchart..", "de.erichseifert..").check(classes);
    }
}
