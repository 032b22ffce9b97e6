#include "PipelineDetails.h"

#include "LossChart.h"
#include "PipelineNodeItem.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace rs::ui {

namespace {

enum Column { Section, Name, Value, Other };
const QColor kDiffBackground(0xff, 0xed, 0xd5);

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}

QTableWidgetItem* cell(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    item->setToolTip(text);
    return item;
}

} // namespace

PipelineRerunDialog::PipelineRerunDialog(const rs::StageNode& node, QWidget* parent)
    : QDialog(parent), m_node(node), m_table(new QTableWidget(this)) {
    setObjectName(QStringLiteral("pipelineRerunDialog"));
    setWindowTitle(tr("Edit and re-run: %1").arg(qs(node.label)));
    auto* intro = new QLabel(
        tr("Change the parameters of <b>%1</b>; a new run is trained with the changed values "
           "and everything else as in this run.")
            .arg(qs(node.label).toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("pipelineRerunTable"));
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Parameter"), tr("Value")});
    m_table->setRowCount(int(node.params.size()));
    for (int r = 0; r < int(node.params.size()); ++r) {
        const auto& [k, v] = node.params[std::size_t(r)];
        m_table->setItem(r, 0, cell(qs(k)));
        auto* value = new QTableWidgetItem(qs(v));
        value->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable);
        m_table->setItem(r, 1, value);
    }
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->resizeColumnToContents(0);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Re-run"));
    m_ok->setObjectName(QStringLiteral("pipelineRerunOk"));
    m_ok->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::itemChanged, this,
            [this] { m_ok->setEnabled(!changedParams().isEmpty()); });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(420, 320);
}

bool PipelineRerunDialog::setValue(const QString& key, const QString& value) {
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, 0)->text() == key) {
            m_table->item(r, 1)->setText(value);
            return true;
        }
    return false;
}

QList<QPair<QString, QString>> PipelineRerunDialog::changedParams() const {
    QList<QPair<QString, QString>> changes;
    for (int r = 0; r < m_table->rowCount() && r < int(m_node.params.size()); ++r) {
        const QString value = m_table->item(r, 1)->text().trimmed();
        if (value != qs(m_node.params[std::size_t(r)].second))
            changes.append({qs(m_node.params[std::size_t(r)].first), value});
    }
    return changes;
}

PipelineDetails::PipelineDetails(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_status(new QLabel(this)),
      m_error(new QLabel(this)), m_table(new QTableWidget(this)),
      m_loss(new LossChart(tr("Loss per epoch"), this)),
      m_rerun(new QPushButton(tr("Edit and re-run…"), this)) {
    setObjectName(QStringLiteral("pipelineDetails"));
    m_title->setObjectName(QStringLiteral("pipelineDetailsTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("pipelineDetailsStatus"));
    m_status->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("pipelineDetailsError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { background: #fee2e2; color: #7f1d1d; "
                                          "border: 1px solid #b91c1c; border-radius: 4px; "
                                          "padding: 4px; }"));
    m_error->hide();
    m_table->setObjectName(QStringLiteral("pipelineDetailsTable"));
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({QString(), tr("Name"), tr("Value"), tr("Compared run")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(Section, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Name, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Value, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(Other, QHeaderView::Stretch);
    m_table->setColumnHidden(Other, true);
    m_table->setWordWrap(false);
    m_loss->setObjectName(QStringLiteral("pipelineDetailsLoss"));
    m_loss->setMinimumHeight(230);
    m_loss->hide();
    m_rerun->setObjectName(QStringLiteral("pipelineRerun"));
    m_rerun->setToolTip(tr("Train a new run with changed parameters for this stage"));
    m_rerun->hide();
    connect(m_rerun, &QPushButton::clicked, this, [this] { openRerunDialog(); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 2);
    layout->addWidget(m_loss, 1);
    layout->addWidget(m_rerun, 0, Qt::AlignLeft);
    clear();
}

void PipelineDetails::clear() {
    m_node = {};
    m_runId = 0;
    m_title->setText(tr("Stage details"));
    m_status->setText(tr("Click a stage of the pipeline to see its parameters and outputs."));
    m_error->hide();
    m_table->setRowCount(0);
    m_loss->clear();
    m_loss->hide();
    m_rerun->hide();
}

void PipelineDetails::showNode(const rs::StageNode& node, qint64 runId,
                               const std::vector<rs::EpochRecord>& epochs,
                               const rs::StageNodeDiff* diff, const rs::StageNode* other) {
    m_node = node;
    m_runId = runId;
    m_title->setText(qs(node.label));
    QString status =
        tr("Stage <code>%1</code> (%2): <b>%3</b>")
            .arg(qs(node.id).toHtmlEscaped(), QString::fromLatin1(rs::stageKindName(node.kind)),
                 QString::fromLatin1(rs::stageStatusName(node.status)));
    if (node.status == rs::StageStatus::Running)
        status += tr(", %1% done").arg(int(node.progress * 100));
    if (diff && diff->presence != rs::StageNodeDiff::Presence::Both)
        status += tr("<br><span style='color:#c2410c'>The compared run has no such stage.</span>");
    else if (diff && diff->changed())
        status += tr("<br><span style='color:#c2410c'>Differs from the compared run.</span>");
    m_status->setText(status);
    m_error->setVisible(!node.error.empty());
    m_error->setText(node.status == rs::StageStatus::Failed ? tr("Failed: %1").arg(qs(node.error))
                                                            : qs(node.error));

    const bool comparing = diff != nullptr;
    m_table->setColumnHidden(Other, !comparing);
    // Side by side values need the width: the section shows in each row's tooltip instead.
    m_table->setColumnHidden(Section, comparing);
    m_table->setRowCount(0);
    auto addRow = [&](const QString& section, const QString& name, const QString& value,
                      const QString& otherValue, bool differs) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        auto* s = cell(section);
        s->setForeground(palette().color(QPalette::PlaceholderText));
        m_table->setItem(r, Section, s);
        m_table->setItem(r, Name, cell(name));
        m_table->item(r, Name)->setToolTip(section + QStringLiteral(": ") + name);
        m_table->setItem(r, Value, cell(value));
        m_table->setItem(r, Other, cell(otherValue));
        if (differs)
            for (int c = 0; c < 4; ++c) {
                m_table->item(r, c)->setBackground(kDiffBackground);
                QFont f = m_table->item(r, c)->font();
                f.setBold(c != Section);
                m_table->item(r, c)->setFont(f);
            }
    };
    const QLocale locale;
    if (node.seconds)
        addRow(tr("stage"), tr("time"), PipelineNodeItem::secondsText(*node.seconds),
               other && other->seconds ? PipelineNodeItem::secondsText(*other->seconds) : QString(),
               false);
    if (node.rowsIn)
        addRow(tr("stage"), tr("rows in"), locale.toString(qlonglong(*node.rowsIn)),
               other && other->rowsIn ? locale.toString(qlonglong(*other->rowsIn)) : QString(),
               false);
    if (node.rowsOut)
        addRow(tr("stage"), tr("rows out"), locale.toString(qlonglong(*node.rowsOut)),
               other && other->rowsOut ? locale.toString(qlonglong(*other->rowsOut)) : QString(),
               false);
    auto addValues = [&](const QString& section, const rs::StageValues& values,
                         const rs::StageValues* otherValues, bool params) {
        for (const auto& [k, v] : values) {
            const std::string* o = otherValues ? rs::stageValue(*otherValues, k) : nullptr;
            const bool differs = diff && (params ? diff->param(k) : diff->output(k)) != nullptr;
            addRow(section, qs(k), qs(v), o ? qs(*o) : (comparing ? tr("—") : QString()), differs);
        }
        // Keys only the compared run has.
        if (otherValues)
            for (const auto& [k, v] : *otherValues)
                if (!rs::stageValue(values, k))
                    addRow(section, qs(k), tr("—"), qs(v), true);
    };
    addValues(tr("parameter"), node.params, other ? &other->params : nullptr, true);
    addValues(tr("output"), node.outputs, other ? &other->outputs : nullptr, false);

    const bool training = node.kind == rs::StageKind::Training;
    m_loss->clear();
    m_loss->setVisible(training && !epochs.empty());
    if (training && !epochs.empty()) {
        m_loss->setEpochs(epochs);
        // A narrow panel: few epoch ticks, so their numbers are not elided.
        m_loss->epochAxis()->setTickCount(std::min<int>(int(epochs.size()) + 1, 5));
        m_loss->setSubtitle(runId > 0 ? tr("Run #%1").arg(runId) : QString());
    }
    m_rerun->setVisible(runId > 0 && !node.params.empty() &&
                        (training || node.kind == rs::StageKind::Split));
}

QString PipelineDetails::valueOf(const QString& key) const {
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, Name)->text() == key)
            return m_table->item(r, Value)->text();
    return {};
}

PipelineRerunDialog* PipelineDetails::openRerunDialog() {
    if (!m_rerun->isVisible() && !(m_runId > 0 && !m_node.params.empty()))
        return nullptr;
    if (m_runId <= 0 ||
        (m_node.kind != rs::StageKind::Training && m_node.kind != rs::StageKind::Split))
        return nullptr;
    auto* dialog = new PipelineRerunDialog(m_node, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 runId = m_runId;
    const QString nodeId = qs(m_node.id);
    connect(dialog, &QDialog::accepted, this, [this, dialog, runId, nodeId] {
        const auto changes = dialog->changedParams();
        if (!changes.isEmpty())
            emit rerunRequested(runId, nodeId, changes);
    });
    dialog->open();
    return dialog;
}

} // namespace rs::ui
