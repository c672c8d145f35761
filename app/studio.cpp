// SPDX-License-Identifier: GPL-3.0-or-later
// TinyML Studio: the desktop application.

#include "uibenchmark.h"

#include "ui/mainwindow.h"
#include "ui/shared/storedvalue.h"

#include "core/base/threadpool.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <thread>

namespace {

/// A measuring mode: `tinyml-studio --NAME [N]` runs it instead of the normal window and exits
/// with its result. N is the optional positional argument (e.g. the epochs of --benchmark-ui).
struct Benchmark
{
    const char *option;
    const char *description; ///< translated in the context "Studio"
    std::function<int(int n)> run;
};

const Benchmark kBenchmarks[] = {
    {"benchmark-ui",
     QT_TRANSLATE_NOOP("Studio",
                       "Train the course model for N epochs (default 2) in the real "
                       "window and print the event-loop latency and seconds per epoch "
                       "as JSON."),
     [](int n) { return tinyml::app::runUiBenchmark(n > 0 ? n : 2); }},
    {"benchmark-drawing",
     QT_TRANSLATE_NOOP("Studio",
                       "Draw strokes on the real canvas and print the time from a "
                       "mouse move to repainted probability bars as JSON."),
     [](int) { return tinyml::app::runDrawingBenchmark(); }},
    {"benchmark-export",
     QT_TRANSLATE_NOOP("Studio",
                       "Run the Export tab's float32 and int8 computations in the real window "
                       "and print the longest event-loop stall as JSON."),
     [](int) { return tinyml::app::runExportBenchmark(); }},
    {"benchmark-dataset",
     QT_TRANSLATE_NOOP("Studio",
                       "Evaluate the test and training images in the Dataset tab of the real "
                       "window and print the longest event-loop stall as JSON."),
     [](int) { return tinyml::app::runDatasetBenchmark(); }},
    {"benchmark-close",
     QT_TRANSLATE_NOOP("Studio",
                       "Close the window while training, exporting and evaluating, and print "
                       "how long each close takes as JSON."),
     [](int) { return tinyml::app::runCloseBenchmark(); }},
    {"benchmark-playground",
     QT_TRANSLATE_NOOP("Studio",
                       "Play the Playground tab with 2-8-8-1 and 2-8-8-8-8-1 networks and print "
                       "map updates per second, event-loop stalls and epochs to a test loss of "
                       "0.05 as JSON."),
     [](int) { return tinyml::app::runPlaygroundBenchmark(); }},
};

/// Installs the saved language (else the system's) for the studio and Qt's own strings.
void installTranslators(QTranslator &qt, QTranslator &app)
{
    const QString saved = tinyml::ui::settings::language();
    const QLocale locale = saved.isEmpty() ? QLocale::system() : QLocale(saved);
    QLocale::setDefault(locale); // numbers in messages follow the chosen language
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);
    if (app.load(locale, QStringLiteral("tinyml"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&app);
}

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("TinyML Studio"));
    QCoreApplication::setApplicationName(QStringLiteral("TinyML Studio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TINYML_VERSION));
}

/// The studio's options: --help, --version, --threads and one option per benchmark.
struct CommandLine
{
    QCommandLineParser parser;
    QCommandLineOption threads{
        QStringLiteral("threads"),
        QCoreApplication::translate("Studio",
                                    "Threads for training and evaluation (default: all "
                                    "cores; the results do not depend on it)."),
        QCoreApplication::translate("Studio", "N")};

    CommandLine()
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "Studio", "TinyML Studio: learn neural networks end to end on MNIST, down to a "
                      "microcontroller."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOption(threads);
        for (const Benchmark &b : kBenchmarks)
            parser.addOption(QCommandLineOption(
                QLatin1String(b.option), QCoreApplication::translate("Studio", b.description)));
        parser.addPositionalArgument(
            QCoreApplication::translate("Studio", "N"),
            QCoreApplication::translate("Studio", "Epochs of --benchmark-ui (default 2)."),
            QCoreApplication::translate("Studio", "[N]"));
    }
};

/// --help and --version need no display: they are answered before the window system starts.
bool asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all"
            || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QTranslator qtTranslator, appTranslator;
        installTranslators(qtTranslator, appTranslator);
        CommandLine cl;
        cl.parser.process(app); // prints and exits, or one line about a bad command line
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QTranslator qtTranslator, appTranslator;
    installTranslators(qtTranslator, appTranslator);
    CommandLine cl;
    QCommandLineParser &parser = cl.parser;
    parser.process(app);

    // The engine uses every core, as `tinyml train` does (its pool never busy-waits, so a busy
    // machine costs it nothing); the charts redraw at most ten times a second so that the window
    // takes little from it (`tinyml-studio --benchmark-ui` measures both).
    int threadCount = tinyml::core::ThreadPool::defaultThreadCount();
    if (parser.isSet(cl.threads)) {
        bool ok = false;
        threadCount = parser.value(cl.threads).toInt(&ok);
        if (!ok || threadCount < 1 || threadCount > 256) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(QCoreApplication::translate(
                             "Studio", "--threads takes a whole number from 1 to 256.")));
            return 2;
        }
    }
    tinyml::core::ThreadPool::setGlobalThreadCount(threadCount);

    const QStringList positional = parser.positionalArguments();
    for (const Benchmark &b : kBenchmarks) {
        if (!parser.isSet(QLatin1String(b.option)))
            continue;
        bool ok = true;
        const int n = positional.isEmpty() ? 0 : positional.first().toInt(&ok);
        if (!ok || n < 0 || positional.size() > 1) {
            std::fprintf(stderr, "%s\n",
                         qPrintable(QCoreApplication::translate(
                             "Studio", "Expected at most one whole number N.")));
            return 2;
        }
        return b.run(n);
    }
    if (!positional.isEmpty()) {
        std::fprintf(
            stderr, "%s\n",
            qPrintable(QCoreApplication::translate("Studio", "Unexpected argument %1 (try --help).")
                           .arg(positional.first())));
        return 2;
    }

    tinyml::ui::applyTextScale(tinyml::ui::settings::textScale());
    tinyml::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
