# Trims Mailchimp's OpenAPI description (shared/mailchimp/marketing-api-spec.prism.json) to the
# operations Kapta uses and the sandbox serves. Run: python3 trim.py SOURCE.prism.json marketing-api-trimmed.json
import json, sys

USED = {
    '/3.0/ping': ['get'],
    '/3.0/lists': ['get'],
    '/3.0/lists/{list_id}': ['get', 'post'],
    '/3.0/lists/{list_id}/members': ['get'],
    '/3.0/lists/{list_id}/members/{subscriber_hash}': ['get', 'put', 'patch', 'delete'],
    '/3.0/lists/{list_id}/members/{subscriber_hash}/actions/delete-permanent': ['post'],
    '/3.0/lists/{list_id}/members/{subscriber_hash}/tags': ['get', 'post'],
    '/3.0/lists/{list_id}/segments': ['get', 'post'],
    '/3.0/lists/{list_id}/segments/{segment_id}': ['post'],
    '/3.0/lists/{list_id}/segments/{segment_id}/members': ['get'],
    '/3.0/lists/{list_id}/webhooks': ['get', 'post'],
    '/3.0/lists/{list_id}/webhooks/{webhook_id}': ['get', 'patch', 'delete'],
}
DROP = {'description', 'summary', 'example', 'examples', 'externalDocs', 'tags', 'operationId'}

src, dst = sys.argv[1], sys.argv[2]
spec = json.load(open(src))
schemas = spec['components']['schemas']

def strip(node, names=False):
    """Drops documentation keys; the keys of a 'properties' map are field names and all stay."""
    if isinstance(node, dict):
        return {k: strip(v, k == 'properties' and not names) for k, v in node.items()
                if names or (k not in DROP and not k.startswith('x-')) or (k == 'description' and v == '')}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node

def refs(node, found):
    if isinstance(node, dict):
        ref = node.get('$ref')
        if ref and ref.startswith('#/components/schemas/'):
            name = ref.split('/')[-1]
            if name not in found:
                found.add(name)
                refs(schemas[name], found)
        for v in node.values():
            refs(v, found)
    elif isinstance(node, list):
        for v in node:
            refs(v, found)

# v3.0.81 describes one webhook as the list of webhooks (its items too). One webhook as Mailchimp's 2026
# documentation has it (reference/webhooks-dashboards-api-2026.md, section 1.3): the signing secret only in
# the answer that creates it.
flags = lambda names: {'type': 'object', 'properties': {n: {'type': 'boolean'} for n in names}}
schemas['Webhook'] = {'type': 'object', 'properties': {
    'id': {'type': 'string'}, 'url': {'type': 'string'}, 'list_id': {'type': 'string'},
    'events': flags(['subscribe', 'unsubscribe', 'profile', 'cleaned', 'upemail', 'campaign']),
    'sources': flags(['user', 'admin', 'api']),
    'signing_enabled': {'type': 'boolean'}, 'signing_secret': {'type': 'string'},
    '_links': schemas['List_Webhooks']['properties']['_links']}}
schemas['List_Webhooks']['properties']['webhooks']['items'] = {'$ref': '#/components/schemas/Webhook'}
one = {'$ref': '#/components/schemas/Webhook'}
for path, method in [('/3.0/lists/{list_id}/webhooks', 'post'), ('/3.0/lists/{list_id}/webhooks/{webhook_id}', 'get'),
                     ('/3.0/lists/{list_id}/webhooks/{webhook_id}', 'patch')]:
    for media in spec['paths'][path][method]['responses']['200']['content'].values():
        media['schema'] = one
paths = {p: {m: spec['paths'][p][m] for m in methods} for p, methods in USED.items()}
for ops in paths.values():
    for op in ops.values():
        for response in op['responses'].values():
            response['description'] = ''   # required by OpenAPI; the text itself is dropped
needed = set()
refs(paths, needed)
# Mailchimp reports archived members (status filter and read-only status, see reference/mailchimp-api.md
# section 5), but v3.0.81 leaves 'archived' out of the member's status enum.
member_status = schemas['List_Members']['properties']['status']
if 'archived' not in member_status['enum']:
    member_status['enum'] = member_status['enum'] + ['archived']
# Mailchimp's "Invalid Resource" problems carry the fields at fault (reference/mailchimp-api.md section 8,
# from Mailchimp's documentation of its errors), which v3.0.81's problem document does not list.
needed.add('Problem_Detail_Document')
problem = schemas['Problem_Detail_Document']
problem['properties'].setdefault('errors', {
    'type': 'array',
    'items': {'type': 'object', 'required': ['field', 'message'],
              'properties': {'field': {'type': 'string'}, 'message': {'type': 'string'}}}})
trimmed = {
    'openapi': spec['openapi'],
    'info': {'title': spec['info']['title'], 'version': spec['info']['version']},
    'servers': spec['servers'],
    'security': spec['security'],
    'paths': {p: {m: strip(op) for m, op in ops.items()} for p, ops in paths.items()},
    'components': {'schemas': {n: strip(schemas[n]) for n in sorted(needed)},
                   'securitySchemes': spec['components']['securitySchemes']},
}
json.dump(trimmed, open(dst, 'w'), indent=1, sort_keys=True)
