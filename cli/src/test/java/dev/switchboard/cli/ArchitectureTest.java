package dev.switchboard.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// The module and package arrows of docs/architecture.md, checked on the compiled classes of every module.
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
    }

    @Test
    void durableObjectsIsTheBottomAndImportsNoModuleAboveIt() {
        noClasses().that().resideInAnyPackage("dev.switchboard.durable..", "dev.switchboard.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.worker..",
                        "dev.switchboard.cli..", "dev.switchboard.examples..", "io.undertow..", "picocli..")
                .because("durable-objects is the bottom module (cli → worker → durable-objects)")
                .check(main);
    }

    @Test
    void workerImportsNeitherTheCliNorTheExamples() {
        noClasses().that().resideInAPackage("dev.switchboard.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.switchboard.cli..",
                        "dev.switchboard.examples..", "picocli..")
                .because("the worker sits below the cli, and only the cli loads the examples, by name")
                .check(main);
    }

    @Test
    void nothingButTheCliConfigurationNamesAnExample() {
        noClasses().that().resideOutsideOfPackage("dev.switchboard.examples..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.examples..")
                .because("examples are what a user would copy; the cli names them in its configuration only")
                .check(main);
    }

    @Test
    void socketsAndValuesNeverReachIntoTheObjectRuntime() {
        noClasses().that().resideInAPackage("dev.switchboard.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.switchboard.durable.internal..")
                .because("the output gate lives below sockets and objects, in http.internal")
                .check(main);
    }

    @Test
    void examplesUseOnlyThePublicApi() {
        noClasses().that().resideInAPackage("dev.switchboard.examples..")
                .should().dependOnClassesThat(notPublicApi())
                .because("each example is what a user would copy: only dev.switchboard.http, .durable, .worker")
                .check(main);
    }

    @Test
    void noPublicSignatureNamesAnInternalType() {
        classes().that().resideOutsideOfPackages("..internal..", "..undertow..").and().arePublic()
                .should(exposeOnly(type -> !isInternal(type)))
                .because("internal types are machinery: the API's factories are the only doors in")
                .check(main);
    }

    @Test
    void productionCodeNeverReturnsATestKitType() {
        classes().that().resideOutsideOfPackage("dev.switchboard.durable.testing..").and().arePublic()
                .should(exposeOnly(type -> !type.getPackageName().startsWith("dev.switchboard.durable.testing")))
                .because("the test kit is for tests; production code works without it")
                .check(main);
    }

    private static boolean isInternal(JavaClass type) {
        String pkg = type.getPackageName();
        return pkg.startsWith("dev.switchboard.") && (pkg.contains(".internal") || pkg.contains(".undertow"));
    }

    private static DescribedPredicate<JavaClass> notPublicApi() {
        return DescribedPredicate.describe("outside the public API", type -> {
            String pkg = type.getPackageName();
            if (!pkg.startsWith("dev.switchboard")) {
                return false;
            }
            if (pkg.startsWith("dev.switchboard.examples")) {
                return false;
            }
            if (pkg.equals("dev.switchboard.durable.storage")) {
                return !Set.of("StorageEngine", "SqliteStorageEngine").contains(type.getSimpleName())
                        && !type.getName().startsWith("dev.switchboard.durable.storage.SqliteStorageEngine$");
            }
            return isInternal(type) || pkg.contains(".spi") || pkg.startsWith("dev.switchboard.cli");
        });
    }

    /** Public and protected members of a class may name only types that pass {@code allowed}. */
    private static ArchCondition<JavaClass> exposeOnly(Predicate<JavaClass> allowed) {
        return new ArchCondition<>("name only allowed types in public signatures") {
            @Override
            public void check(JavaClass owner, ConditionEvents events) {
                for (JavaCodeUnit unit : owner.getCodeUnits()) {
                    if (!isExposed(unit.getModifiers())) {
                        continue;
                    }
                    var named = new HashSet<JavaClass>();
                    named.add(unit.getRawReturnType());
                    named.addAll(unit.getRawParameterTypes());
                    for (JavaClass type : named) {
                        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
                        if (!allowed.test(base)) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " names "
                                    + base.getName()));
                        }
                    }
                }
                for (JavaField field : owner.getFields()) {
                    if (isExposed(field.getModifiers()) && !allowed.test(field.getRawType())) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is of type "
                                + field.getRawType().getName()));
                    }
                }
            }
        };
    }

    private static boolean isExposed(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
