#include "DemoWorkspace.h"

#include "AnswerStore.h"
#include "ContentLibrary.h"
#include "EngagementStore.h"
#include "Workspace.h"

namespace bulkhead {

namespace {

struct DemoAnswer {
    const char *question;
    const char *value;
    const char *method;
    const char *note;
};

struct DemoEngagement {
    Engagement record;
    QString interviewee;
    QList<DemoAnswer> answers;
    bool submit = false;
};

QList<DemoEngagement> demoEngagements()
{
    DemoEngagement harbour;
    harbour.record.client = QStringLiteral("Harbourline Freight Ltd");
    harbour.record.system = QStringLiteral("Cargo booking platform");
    harbour.record.csp = QStringLiteral("Amazon Web Services (Amazon ECS)");
    harbour.record.serviceModel = QStringLiteral("caas");
    harbour.record.architecture = QStringLiteral("hybrid");
    harbour.record.infrastructure = QStringLiteral("converged");
    harbour.record.impact = QStringLiteral("moderate");
    harbour.record.assessor = QStringLiteral("Dana Whitfield");
    harbour.record.reviewer = QStringLiteral("Ravi Menon");
    harbour.interviewee = QStringLiteral("M. Ortega, platform engineering lead");
    harbour.answers = {
        {"arch.platform.model", "hybrid", "examine", "ECS tasks run on EC2 container instances; confirmed on the architecture diagram v4."},
        {"arch.platform.hypervisor", "type1", "interview", "Nitro hypervisor on the provider side."},
        {"arch.platform.cloud_actors", "several", "interview", "AWS runs the hosts; a managed service partner operates the cluster."},
        {"arch.platform.orchestration", "provider_scheduler", "examine", "ECS service scheduler."},
        {"arch.infrastructure.model", "converged", "examine", ""},
        {"arch.infrastructure.storage_attachment", "iscsi,nfs", "examine", "EBS volumes and an EFS share for uploads."},
        {"arch.infrastructure.storage_access", "partial", "examine",
         "Storage subnets are separate, but one NFS export is readable by every task role."},
        {"arch.host.shared_components", "yes", "examine", "ECS-optimised AMI with a read-only root file system."},
        {"arch.host.resource_limits", "yes", "test", "CPU and memory limits set on every task definition sampled (12 of 12)."},
        {"arch.host.os_placement", "single_family", "interview", ""},
        {"arch.host.hardening", "partial", "examine", "CIS level 1 applied to the AMI, but 6 of 40 controls are waived without an expiry."},
        {"arch.host.baseline_review", "no", "interview", "No review of the hardening baseline in the last 12 months."},
        {"arch.host.patching", "yes", "examine", "AMI rebuilt weekly; patch records for the last two cycles seen."},
        {"arch.host.backup", "partial", "examine", "Snapshots daily, but the last restore test is 14 months old."},
        {"arch.access.engine_privilege", "exceptions", "test", "Two tasks run privileged for a log shipper."},
        {"arch.access.admin_access", "yes", "examine", "SSM Session Manager only, sessions logged to CloudTrail."},
        {"arch.access.accounts", "yes", "examine", "Quarterly access reviews of IAM roles seen for Q2 and Q3."},
        {"arch.access.incident_coordination", "no", "interview",
         "The partner's incident procedures do not cover forensics on container hosts."},
    };
    harbour.submit = true;

    DemoEngagement northwind;
    northwind.record.client = QStringLiteral("Northwind Clinics Group");
    northwind.record.system = QStringLiteral("Patient portal");
    northwind.record.csp = QStringLiteral("Google Cloud (GKE)");
    northwind.record.serviceModel = QStringLiteral("caas");
    northwind.record.architecture = QStringLiteral("typical");
    northwind.record.infrastructure = QStringLiteral("hyperconverged");
    northwind.record.impact = QStringLiteral("high");
    northwind.record.assessor = QStringLiteral("Dana Whitfield");
    northwind.record.reviewer = QStringLiteral("Ravi Menon");
    northwind.interviewee = QStringLiteral("S. Achebe, head of infrastructure");
    northwind.answers = {
        {"arch.platform.model", "typical", "examine", "GKE Standard nodes running Container-Optimized OS."},
        {"arch.platform.cloud_actors", "one", "interview", ""},
        {"arch.platform.orchestration", "managed_kubernetes", "examine", ""},
        {"arch.infrastructure.model", "hyperconverged", "interview", ""},
        {"arch.infrastructure.distributed_storage", "yes", "examine", "Regional persistent disks replicated across two zones."},
        {"arch.host.shared_components", "yes", "examine", ""},
        {"arch.host.hardening", "yes", "examine", "CIS GKE benchmark results reviewed: no failed scored checks."},
        {"arch.access.engine_privilege", "unrestricted", "test", "Pod security admission is not enforced in two namespaces."},
        {"arch.access.accounts", "partial", "interview", "Break-glass accounts are not reviewed."},
    };
    return {harbour, northwind};
}

} // namespace

const QStringList &demoClients()
{
    static const QStringList clients = [] {
        QStringList names;
        for (const auto &d : demoEngagements())
            names << d.record.client;
        return names;
    }();
    return clients;
}

Result<QList<qint64>> buildDemo(Workspace &workspace, const ContentLibrary &library)
{
    EngagementStore engagements(workspace);
    auto existing = engagements.list();
    if (!existing)
        return existing.error();
    QList<qint64> ids;
    for (const auto &demo : demoEngagements()) {
        bool present = false;
        for (const auto &e : *existing) {
            if (e.client == demo.record.client && e.system == demo.record.system) {
                ids << e.id;
                present = true;
            }
        }
        if (present)
            continue;
        Status built = workspace.write([&]() -> Status {
            auto id = engagements.create(demo.record, library);
            if (!id)
                return id.error();
            AnswerStore answers(workspace);
            for (const auto &a : demo.answers) {
                const AnswerInput input {QString::fromLatin1(a.question), QString::fromLatin1(a.value), QString::fromUtf8(a.note),
                                         QString::fromLatin1(a.method), demo.interviewee};
                if (auto saved = answers.save(*id, input, library); !saved)
                    return saved.error();
            }
            if (demo.submit) {
                if (auto submitted = engagements.submit(*id); !submitted)
                    return submitted;
            }
            ids << *id;
            return {};
        });
        if (!built)
            return built.error();
    }
    return ids;
}

} // namespace bulkhead
