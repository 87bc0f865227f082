"""Software names that share a word with a famous person or a title ("Kafka", "Spark").

Both the reference analyzers and personal data ask whether a one-word name is used as a
product in a tech stack or in code; the answer lives here so neither imports the other.
"""

from __future__ import annotations

import regex as re

from promptguard.analyzers.names.folding import fold
from promptguard.analyzers.names.lexicon import get_lexicon
from promptguard.analyzers.names.prompt_syntax import is_image_prompt

#: Software, languages, data stores and services that share a word with a famous person or a
#: title ("Kafka", "Spark", "Prometheus"), with common neighbours in a tech stack.
TECH_NAMES = frozenset(
    {
        *("python", "java", "javascript", "typescript", "js", "ts", "go", "golang", "rust"),
        *("swift", "kotlin", "scala", "julia", "ruby", "perl", "php", "haskell", "pascal"),
        *("ada", "erlang", "elixir", "clojure", "lua", "matlab", "fortran", "cobol", "dart"),
        *("c", "c++", "c#", "objc", "sql", "bash", "html", "css", "r", "groovy", "zig"),
        *("kafka", "spark", "hadoop", "flink", "airflow", "storm", "hive", "presto", "beam"),
        *("cassandra", "redis", "postgres", "postgresql", "mysql", "mongodb", "sqlite"),
        *("elasticsearch", "kibana", "logstash", "prometheus", "grafana", "datadog", "splunk"),
        *("rabbitmq", "sqs", "sns", "kinesis", "pulsar", "nats", "zookeeper", "etcd", "consul"),
        *("docker", "kubernetes", "k8s", "helm", "terraform", "ansible", "puppet", "chef"),
        *("jenkins", "nginx", "apache", "tomcat", "linux", "ubuntu", "debian", "windows"),
        *("aws", "gcp", "azure", "vercel", "supabase", "firebase", "heroku", "netlify"),
        *("react", "vue", "angular", "svelte", "node", "node.js", "express", "django"),
        *("flask", "fastapi", "rails", "spring", "laravel", "graphql", "grpc", "rest"),
        *("pandas", "numpy", "pytorch", "tensorflow", "keras", "celery", "dynamodb"),
        *("snowflake", "tableau", "excel", "git", "github", "gitlab", "jira", "mercury"),
        # the 3D, VFX and editing tools of a production's pipeline ("Maya, Houdini, Nuke")
        *("maya", "houdini", "blender", "nuke", "zbrush", "mudbox", "katana", "mari", "modo"),
        *("arnold", "redshift", "renderman", "vray", "octane", "c4d", "unity", "unreal"),
        *("photoshop", "krita", "substance", "resolve", "premiere", "avid", "flame"),
        *("shotgrid", "ftrack"),
    }
)
#: Words after a name that make it a product in a system ("Kafka topic", "Spark job").
_TECH_AFTER = re.compile(
    r"\s+(?:integration|clusters?|topics?|brokers?|consumers?|producers?|streams?|connectors?"
    r"|jobs?|servers?|clients?|api|sdk|library|framework|modules?|queues?|instances?"
    r"|deployments?|pipelines?|configs?|configuration|metrics|exporter|dashboards?|scripts?"
    r"|plugins?|packages?|drivers?|nodes?|fuzzing|engine)\b",
    re.IGNORECASE,
)
_TECH_BEFORE = re.compile(r"\b(?:apache|integrations?(?:\s+points?)?\s+(?:with|for))\s+$", re.I)
#: A tool verb before a software name: "rendered in Houdini", "comp it with Nuke".
_TOOL_VERB_BEFORE = re.compile(
    r"\b(?:render(?:ed)?|model(?:l?ed)?|sculpt(?:ed)?|comp(?:ed|osited)?|animated?|simulated?"
    r"|rigged|textured|built|coded|written|implemented|developed|edited|exported|imported)"
    r"(?:\s+\w+)?\s+(?:in|with|using|into|from)\s+$",
    re.IGNORECASE,
)
_LIST_SPLIT = re.compile(r"\s*(?:,|/|;|:|\band\b|\bor\b|&|\|)\s*", re.IGNORECASE)
#: Code around a software name: "std::", "#include", "RdKafka::Conf", "});", "import x".
_CODE_TEXT = re.compile(r"::|#include|\)\s*;|^\s*(?:import|from|def|class|const|let|var)\s", re.M)


def tech_use(content: str, start: int, end: int, words: list[str]) -> bool:
    """A single-word name among software names, or used as one ("Kafka topic")."""
    if len(words) != 1:
        return False
    if _TECH_AFTER.match(content, end):
        return True
    line_start = content.rfind("\n", 0, start) + 1
    line_end = content.find("\n", end)
    line = content[line_start : len(content) if line_end < 0 else line_end]
    items = [fold(item).split() for item in _LIST_SPLIT.split(line)]
    surnames = get_lexicon().surnames
    tech = [
        word
        for item in items
        if item and item[:1] != words
        for word in {item[0], item[-1]} & TECH_NAMES
    ]
    # a list of writers ("Kafka, Swift and Pascal") names no product that is not a surname
    neighbours = len(tech) if any(word not in surnames for word in tech) else 0
    # an image prompt's tags put render engines beside artists ("wlop, octane, 8k"): there
    # only a software name itself counts as software
    software = words[0] in TECH_NAMES or not is_image_prompt(content)
    if neighbours >= 1 and software and any(item[:1] == words for item in items):
        return True  # "Message Queues: RabbitMQ, Kafka, SQS"
    if _TECH_BEFORE.search(content[max(0, start - 25) : start]):
        return True  # "integration with Kafka"
    if words[0] in TECH_NAMES and _TOOL_VERB_BEFORE.search(content[max(0, start - 40) : start]):
        return True  # "rendered in Houdini"
    return words[0] in TECH_NAMES and len(_CODE_TEXT.findall(content)) >= 2
