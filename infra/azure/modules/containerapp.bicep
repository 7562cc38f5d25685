// The gateway in Azure Container Apps: a VNet-injected environment and one app running the image built from
// infra/docker/Dockerfile under a user-assigned managed identity. TLS is end to end: the ingress passes TCP 443
// through to Kestrel on 8443 (TLS 1.2/1.3, optional mTLS for billing systems), so no proxy sees PHI in clear.
// Settings reach the app as environment variables with double-underscore names (Section__Key); key material
// and the connection string come from Key Vault references, never as plain values.

param location string
param namePrefix string

@description('Name of the gateway\'s user-assigned identity.')
param identityName string

@description('Name of the container registry (same resource group) the image is pulled from.')
param registryName string

@description('The image, e.g. sgwregistry.azurecr.io/submission-gateway:1.0.0.')
param image string

param appsSubnetId string
param workspaceId string

@description('Settings of the gateway, as Section__Key names and plain values (no secrets).')
param settings object

@description('Settings whose values live in Key Vault: Section__Key name to the versionless secret URI.')
param keyVaultReferences object

@minValue(1)
param minReplicas int = 2

@minValue(1)
param maxReplicas int = 6

param tags object = {}

var acrPull = '7f951dda-4ed3-4680-a7ca-43fe17d2f4ec'
var httpsPort = 8443

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

// The identity pulls images from this registry and nothing else.
resource appPullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPull)
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPull)
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  tags: tags
  properties: {
    vnetConfiguration: {
      infrastructureSubnetId: appsSubnetId
      internal: false
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    // Logs go through the diagnostic setting below: no workspace shared key in the template.
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    zoneRedundant: false
  }
}

resource environmentDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'ContainerAppConsoleLogs', enabled: true }
      { category: 'ContainerAppSystemLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

// Container Apps secret names: lower case letters, digits and dashes.
var secretEntries = items(keyVaultReferences)
var secretNames = [for entry in secretEntries: toLower(replace(replace(entry.key, '__', '-'), '_', '-'))]
var secretEnvironment = [for (entry, i) in secretEntries: { name: entry.key, secretRef: secretNames[i] }]

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-gateway'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        // TLS passes through to Kestrel: the gateway's own TLS 1.2/1.3 settings and client certificates apply.
        transport: 'tcp'
        targetPort: httpsPort
        exposedPort: 443
        allowInsecure: false
      }
      registries: [
        {
          server: registry.properties.loginServer
          identity: identity.id
        }
      ]
      secrets: [
        for (entry, i) in secretEntries: {
          name: secretNames[i]
          keyVaultUrl: entry.value
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'gateway'
          image: image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: concat(
            [
              { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
              { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
              { name: 'Transport__ListenAddress', value: '0.0.0.0' }
              { name: 'Transport__HttpsPort', value: string(httpsPort) }
            ],
            map(items(settings), s => { name: s.key, value: string(s.value) }),
            secretEnvironment
          )
          volumeMounts: [
            // The only writable path: the data folder (code sets, the decoded TLS certificate). The image's
            // root file system is never written.
            { volumeName: 'data', mountPath: '/data' }
            { volumeName: 'tmp', mountPath: '/tmp' }
          ]
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: httpsPort
                scheme: 'HTTPS'
              }
              initialDelaySeconds: 10
              periodSeconds: 15
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: httpsPort
                scheme: 'HTTPS'
              }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      volumes: [
        { name: 'data', storageType: 'EmptyDir' }
        { name: 'tmp', storageType: 'EmptyDir' }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
  dependsOn: [ appPullsImages ]
}

output appName string = app.name
output environmentName string = environment.name
output staticIp string = environment.properties.staticIp
output defaultDomain string = environment.properties.defaultDomain
