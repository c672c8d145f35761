// SPDX-License-Identifier: GPL-3.0-or-later
// The run list as a table model: rows, columns, roles, ticks, renames and the signals views need.
#include "ui/train/runlistmodel.h"
#include "ui/train/runrecord.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace tinyml;
using namespace tinyml::ui;
using Col = RunListModel::Column;

namespace {

RunRecord makeRun(const QString &id, const QString &name, int hidden)
{
    RunRecord r;
    r.id = id;
    r.name = name;
    r.spec.inputSize = 784;
    r.spec.layers = {{hidden, core::Activation::Relu}, {10, core::Activation::Softmax}};
    r.testAccuracy = 0.975;
    r.seconds = 75.0;
    r.outcome = core::TrainOutcome::EarlyStopped;
    return r;
}

} // namespace

class TestRunListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void rowsColumnsAndTexts()
    {
        RunListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 8);
        model.append(makeRun(QStringLiteral("a1"), QStringLiteral("Run 1"), 16));
        RunRecord second = makeRun(QStringLiteral("b2"), QStringLiteral("Run 2"), 128);
        second.seconds = 12.34;
        second.outcome = core::TrainOutcome::Diverged;
        for (double v : {0.90, 0.95, 0.93}) {
            core::EpochReport e;
            e.hasValidation = true;
            e.valAccuracy = v;
            second.epochs.push_back(e);
        }
        model.append(std::move(second));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 1); // the second run became row 1
        QCOMPARE(inserted.at(1).at(2).toInt(), 1);

        const QStringList headers{
            "Compare",    "Name", "Settings", "Test accuracy", "Best val. accuracy",
            "Parameters", "Time", "Outcome"};
        for (int c = 0; c < 8; ++c)
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), headers[c]);

        auto text = [&](int row, int col) { return model.index(row, col).data().toString(); };
        QCOMPARE(text(0, Col::Name), QStringLiteral("Run 1"));
        QCOMPARE(model.index(0, Col::Name).data(Qt::EditRole).toString(), QStringLiteral("Run 1"));
        QCOMPARE(text(0, Col::TestAccuracy), QStringLiteral("97.50 %"));
        QCOMPARE(text(0, Col::BestValidation), QStringLiteral("—"));       // no validation data
        QCOMPARE(text(1, Col::BestValidation), QStringLiteral("95.00 %")); // the best epoch
        // 784·16 + 16 weights and biases into the hidden layer, 16·10 + 10 out of it.
        QCOMPARE(text(0, Col::Parameters), QLocale().toString(784 * 16 + 16 + 16 * 10 + 10));
        QCOMPARE(text(0, Col::Time), QStringLiteral("1:15 min"));
        QCOMPARE(text(1, Col::Time), QStringLiteral("12.3 s"));
        QCOMPARE(text(0, Col::Outcome), QStringLiteral("stopped early"));
        QCOMPARE(text(1, Col::Outcome), QStringLiteral("diverged"));
        QVERIFY(text(1, Col::Settings).contains(QStringLiteral("128")));
        for (int c = 0; c < 8; ++c)
            QCOMPARE(model.index(1, c).data(RunListModel::RunIdRole).toString(),
                     QStringLiteral("b2"));
        QCOMPARE(model.index(0, Col::Compare).data(Qt::CheckStateRole).value<Qt::CheckState>(),
                 Qt::Unchecked);
        QVERIFY(!model.index(0, Col::Compare).data().isValid()); // a tick box, no text

        QVERIFY(model.flags(model.index(0, Col::Compare)) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(model.index(0, Col::Compare)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(0, Col::Name)) & Qt::ItemIsEditable);
        for (int c = Col::Settings; c < Col::ColumnCount; ++c)
            QVERIFY(!(model.flags(model.index(0, c)) & Qt::ItemIsEditable));
        QCOMPARE(model.rowOf(QStringLiteral("b2")), 1);
        QCOMPARE(model.rowOf(QStringLiteral("zz")), -1);
        QCOMPARE(model.find(QStringLiteral("a1"))->name, QStringLiteral("Run 1"));
    }

    void tickRenameAndRemove()
    {
        RunListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < 3; ++i)
            model.append(
                makeRun(QStringLiteral("id%1").arg(i), QStringLiteral("Run %1").arg(i + 1), 32));
        QSignalSpy compared(&model, &RunListModel::comparisonChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy renamed(&model, &RunListModel::renamed);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        QVERIFY(model.setData(model.index(2, Col::Compare), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.setData(model.index(0, Col::Compare), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(compared.count(), 2);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.last().at(0).toModelIndex(), model.index(0, Col::Compare));
        auto ticked = model.comparedRuns();
        QCOMPARE(ticked.size(), std::size_t(2));
        QCOMPARE(ticked[0]->id, QStringLiteral("id0")); // in row order
        QCOMPARE(ticked[1]->id, QStringLiteral("id2"));
        QCOMPARE(model.index(2, Col::Compare).data(Qt::CheckStateRole).value<Qt::CheckState>(),
                 Qt::Checked);

        QVERIFY(model.setData(model.index(1, Col::Name), QStringLiteral("Wide"), Qt::EditRole));
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(renamed.at(0).at(0).toString(), QStringLiteral("id1"));
        QCOMPARE(renamed.at(0).at(1).toString(), QStringLiteral("Wide"));
        QCOMPARE(model.index(1, Col::Name).data().toString(), QStringLiteral("Wide"));
        QVERIFY(!model.setData(model.index(1, Col::Outcome), QStringLiteral("x"), Qt::EditRole));

        // Removing a ticked run removes its tick and says so.
        QVERIFY(model.remove(QStringLiteral("id0")));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(compared.count(), 3);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.comparedRuns().size(), std::size_t(1));
        QVERIFY(!model.remove(QStringLiteral("id0")));

        // A reload keeps the ticks of the runs that are still there.
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        std::vector<RunRecord> reloaded;
        reloaded.push_back(makeRun(QStringLiteral("id2"), QStringLiteral("Run 3"), 32));
        reloaded.push_back(makeRun(QStringLiteral("id9"), QStringLiteral("Run 9"), 32));
        model.reset(std::move(reloaded));
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.comparedRuns().size(), std::size_t(1));
        QCOMPARE(model.comparedRuns()[0]->id, QStringLiteral("id2"));
    }

    void aNameEditedInTheTableIsSaved()
    {
        QTemporaryDir dir;
        RunStore store(dir.path());
        QVERIFY(store.add(makeRun(QStringLiteral("r1"), QStringLiteral("Run 1"), 16)));
        QVERIFY(store.add(makeRun(QStringLiteral("r2"), QStringLiteral("Run 2"), 16)));
        RunListModel *model = store.model();
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(
            model->setData(model->index(0, Col::Name), QStringLiteral("Baseline"), Qt::EditRole));
        RunStore again(dir.path());
        again.load();
        QCOMPARE(again.model()->rowCount(), 2);
        QCOMPARE(again.find(QStringLiteral("r1"))->name, QStringLiteral("Baseline"));
        QVERIFY(store.remove(QStringLiteral("r2")));
        QCOMPARE(model->rowCount(), 1);
        again.load();
        QCOMPARE(again.model()->rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRunListModel)
#include "tst_runlistmodel.moc"
