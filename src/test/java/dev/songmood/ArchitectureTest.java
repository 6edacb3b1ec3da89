package dev.songmood;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers that docs/development.md draws, checked on the compiled classes: each job walks downward
 * (cli, then the job packages, then tables and model, songs, stages, the encoder and fine-tuning, metrics and
 * charts, and io, input and runtime at the bottom); nothing imports a layer above its own; labelling never reads
 * the training packages; no two packages depend on each other in a cycle.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.songmood";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void eachLayerImportsOnlyTheLayersBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy(ROOT + ".cli..")
        .layer("jobs").definedBy(ROOT + ".prepare..", ROOT + ".train..", ROOT + ".evaluate..", ROOT + ".label..",
            ROOT + ".fetch..", ROOT + ".serve..", ROOT + ".profile..", ROOT + ".playlist..", ROOT + ".notebook..", ROOT + ".query..")
        .layer("finetune").definedBy(ROOT + ".finetune..")
        .layer("tables").definedBy(ROOT + ".tables..")
        .layer("model").definedBy(ROOT + ".model..")
        .layer("songs").definedBy(ROOT + ".songs..")
        .layer("stages").definedBy(ROOT + ".stages..")
        .layer("encode").definedBy(ROOT + ".encode..")
        .layer("metrics").definedBy(ROOT + ".metrics..", ROOT + ".charts..", ROOT + ".monitor..")
        .layer("base").definedBy(ROOT + ".io..", ROOT + ".input..", ROOT + ".runtime..", ROOT)
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("jobs").mayOnlyBeAccessedByLayers("cli", "jobs")
        .whereLayer("finetune").mayOnlyBeAccessedByLayers("cli", "jobs")
        .whereLayer("tables").mayOnlyBeAccessedByLayers("cli", "jobs")
        .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "jobs", "tables")
        .whereLayer("songs").mayOnlyBeAccessedByLayers("cli", "jobs", "finetune", "tables", "model")
        .whereLayer("stages").mayOnlyBeAccessedByLayers("cli", "jobs", "finetune", "tables", "model", "songs")
        .whereLayer("encode").mayOnlyBeAccessedByLayers("cli", "jobs", "finetune", "tables", "model", "songs",
            "stages")
        .whereLayer("metrics").mayOnlyBeAccessedByLayers("cli", "jobs", "finetune", "tables", "model", "songs",
            "stages", "encode")
        .check(classes);
  }

  @Test
  void labellingAndServingNeverReadTheTrainingPackages() {
    noClasses().that().resideInAnyPackage(ROOT + ".stages..", ROOT + ".encode..", ROOT + ".model..",
            ROOT + ".label..", ROOT + ".serve..", ROOT + ".profile..", ROOT + ".playlist..")
        .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".train..", ROOT + ".finetune..")
        .because("labelling a catalog must not need the training code (issue 31: inference apart from training)")
        .check(classes);
  }

  @Test
  void jobsDoNotReachIntoEachOther() {
    noClasses().that().resideInAPackage(ROOT + ".serve..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".label..")
        .because("serve and predict share the in-memory answer through model/, not through the label job")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }
}
