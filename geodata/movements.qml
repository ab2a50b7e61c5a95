<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<!-- Written by `geostory styles` from styles.json and story.json; edit those, not this file. -->
<qgis version="3.22.0-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="0" hasScaleBasedVisibilityFlag="0" minScale="100000000" maxScale="0" readOnly="0" simplifyDrawingHints="0" simplifyLocal="1" simplifyAlgorithm="0" simplifyDrawingTol="1" simplifyMaxScale="1" symbologyReferenceScale="-1">
  <flags>
    <Identifiable>1</Identifiable>
    <Removable>1</Removable>
    <Searchable>1</Searchable>
    <Private>0</Private>
  </flags>
  <temporal enabled="0" mode="0" startField="" endField="" limitMode="0" accumulate="0" startExpression="" endExpression="" durationField="" durationUnit="d" fixedDuration="0">
    <fixedRange>
      <start></start>
      <end></end>
    </fixedRange>
  </temporal>
  <renderer-v2 type="categorizedSymbol" attr="&#34;side&#34; || &#39;|&#39; || &#34;kind&#34; || &#39;|&#39; || &#34;route_certainty&#34;" forceraster="0" symbollevels="0" enableorderby="0" referencescale="-1">
    <categories>
      <category value="chinese|advance|approximate" label="Chinese resistance: advance (route approximate)" symbol="0" render="true"/>
      <category value="chinese|retreat|approximate" label="Chinese resistance: retreat (route approximate)" symbol="1" render="true"/>
      <category value="chinese|retreat|schematic" label="Chinese resistance: retreat (route schematic)" symbol="2" render="true"/>
      <category value="japanese|advance|approximate" label="Imperial Japanese Army: advance (route approximate)" symbol="3" render="true"/>
      <category value="japanese|rail|known" label="Imperial Japanese Army: moved by rail" symbol="4" render="true"/>
      <category value="japanese|air|schematic" label="Imperial Japanese Army: air operation or flight" symbol="5" render="true"/>
      <category value="collaborationist|advance|approximate" label="Japanese-backed Chinese forces: advance (route approximate)" symbol="6" render="true"/>
      <category value="collaborationist|air|schematic" label="Japanese-backed Chinese forces: air operation or flight" symbol="7" render="true"/>
      <category value="collaborationist|intended|schematic" label="Japanese-backed Chinese forces: intended, not carried out (route schematic)" symbol="8" render="true"/>
      <category value="" label="Other" symbol="9" render="true"/>
    </categories>
    <symbols>
      <symbol name="0" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="2.646;1.323"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="178,24,43,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="1.058"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="2.646;1.323"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="178,24,43,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.058"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@0@1" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="178,24,43,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.646"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="178,24,43,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="5.292"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="4.233"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="178,24,43,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.646"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="178,24,43,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="5.292"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="4.233"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="1" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="2.646;1.323"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="178,24,43,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="1.455"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="2.646;1.323"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="178,24,43,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.455"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="2.646;1.323"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="255,255,255,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="0.529"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="2.646;1.323"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="255,255,255,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.529"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@1@2" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="178,24,43,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.646"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="178,24,43,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="5.292"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="4.233"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="178,24,43,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.646"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="178,24,43,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="5.292"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="4.233"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="2" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="3.175;1.058;0.529;1.058"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="178,24,43,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="1.455"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="3.175;1.058;0.529;1.058"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="178,24,43,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.455"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="3.175;1.058;0.529;1.058"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="255,255,255,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="0.529"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="3.175;1.058;0.529;1.058"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="255,255,255,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.529"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@2@2" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="178,24,43,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.646"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="178,24,43,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="5.292"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="4.233"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="178,24,43,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.646"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="178,24,43,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="5.292"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="4.233"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="3" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="2.646;1.323"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="44,90,160,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="1.058"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="2.646;1.323"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="44,90,160,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.058"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@3@1" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="44,90,160,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.646"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="44,90,160,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="5.292"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="4.233"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="44,90,160,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.646"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="44,90,160,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="5.292"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="4.233"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="4" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="5;2"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="255,255,255,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="1.455"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="2.857"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="0"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="5;2"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="255,255,255,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.455"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="2.857"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="0"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="5;2"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="44,90,160,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="0.794"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="2.857"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="0"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="5;2"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="44,90,160,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.794"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="2.857"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="0"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="0.529;2.381"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="44,90,160,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="2.646"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="2.857"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="0.529;2.381"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="44,90,160,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="2.646"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="2.857"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@4@3" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="44,90,160,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.381"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="44,90,160,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="4.763"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="3.81"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="44,90,160,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.381"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="44,90,160,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="4.763"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="3.81"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="5" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="round"/>
            <Option name="customdash" type="QString" value="0.132;1.587"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="44,90,160,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="0.794"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="2.381"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="round"/>
          <prop k="customdash" v="0.132;1.587"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="44,90,160,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.794"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="2.381"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@5@1" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="44,90,160,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,1.984"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="44,90,160,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="3.969"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="3.175"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="44,90,160,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,1.984"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="44,90,160,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="3.969"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="3.175"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="6" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="2.646;1.323"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="123,50,148,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="1.058"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="2.646;1.323"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="123,50,148,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="1.058"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@6@1" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="123,50,148,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.646"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="123,50,148,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="5.292"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="4.233"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="123,50,148,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.646"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="123,50,148,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="5.292"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="4.233"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="7" type="line" alpha="0.95" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="round"/>
            <Option name="customdash" type="QString" value="0.132;1.587"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="123,50,148,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="0.794"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="2.381"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="round"/>
          <prop k="customdash" v="0.132;1.587"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="123,50,148,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.794"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="2.381"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@7@1" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="123,50,148,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,1.984"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="123,50,148,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="3.969"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="3.175"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="123,50,148,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,1.984"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="123,50,148,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="3.969"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="3.175"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="8" type="line" alpha="0.85" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="3.175;1.058;0.529;1.058"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="123,50,148,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="0.661"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="2.699"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="1"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="3.175;1.058;0.529;1.058"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="123,50,148,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.661"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="2.699"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@8@1" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="255,255,255,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.249"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="123,50,148,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.529"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="4.498"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="3.598"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="255,255,255,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.249"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="123,50,148,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.529"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="4.498"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="3.598"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
      <symbol name="9" type="line" alpha="0.9" clip_to_extent="1" force_rhr="0">
        <data_defined_properties>
          <Option type="Map">
            <Option name="name" type="QString" value=""/>
            <Option name="properties"/>
            <Option name="type" type="QString" value="collection"/>
          </Option>
        </data_defined_properties>
        <layer class="SimpleLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="capstyle" type="QString" value="flat"/>
            <Option name="customdash" type="QString" value="5;2"/>
            <Option name="customdash_unit" type="QString" value="MM"/>
            <Option name="joinstyle" type="QString" value="round"/>
            <Option name="line_color" type="QString" value="136,136,136,255"/>
            <Option name="line_style" type="QString" value="solid"/>
            <Option name="line_width" type="QString" value="0.529"/>
            <Option name="line_width_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="trim_distance_end" type="QString" value="3.175"/>
            <Option name="trim_distance_end_unit" type="QString" value="MM"/>
            <Option name="use_custom_dash" type="QString" value="0"/>
          </Option>
          <prop k="capstyle" v="flat"/>
          <prop k="customdash" v="5;2"/>
          <prop k="customdash_unit" v="MM"/>
          <prop k="joinstyle" v="round"/>
          <prop k="line_color" v="136,136,136,255"/>
          <prop k="line_style" v="solid"/>
          <prop k="line_width" v="0.529"/>
          <prop k="line_width_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="trim_distance_end" v="3.175"/>
          <prop k="trim_distance_end_unit" v="MM"/>
          <prop k="use_custom_dash" v="0"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
        <layer class="MarkerLine" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="interval" type="QString" value="3"/>
            <Option name="interval_unit" type="QString" value="MM"/>
            <Option name="offset" type="QString" value="0"/>
            <Option name="placement" type="QString" value="lastvertex"/>
            <Option name="rotate" type="QString" value="1"/>
          </Option>
          <prop k="interval" v="3"/>
          <prop k="interval_unit" v="MM"/>
          <prop k="offset" v="0"/>
          <prop k="placement" v="lastvertex"/>
          <prop k="rotate" v="1"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties"/>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
          <symbol name="@9@1" type="marker" alpha="1.0" clip_to_extent="1" force_rhr="0">
            <data_defined_properties>
              <Option type="Map">
                <Option name="name" type="QString" value=""/>
                <Option name="properties"/>
                <Option name="type" type="QString" value="collection"/>
              </Option>
            </data_defined_properties>
            <layer class="EllipseMarker" enabled="1" locked="0" pass="0">
              <Option type="Map">
                <Option name="angle" type="QString" value="90"/>
                <Option name="color" type="QString" value="136,136,136,255"/>
                <Option name="joinstyle" type="QString" value="miter"/>
                <Option name="offset" type="QString" value="0,2.646"/>
                <Option name="offset_unit" type="QString" value="MM"/>
                <Option name="outline_color" type="QString" value="136,136,136,255"/>
                <Option name="outline_style" type="QString" value="solid"/>
                <Option name="outline_width" type="QString" value="0.265"/>
                <Option name="outline_width_unit" type="QString" value="MM"/>
                <Option name="symbol_height" type="QString" value="5.292"/>
                <Option name="symbol_height_unit" type="QString" value="MM"/>
                <Option name="symbol_name" type="QString" value="triangle"/>
                <Option name="symbol_width" type="QString" value="4.233"/>
                <Option name="symbol_width_unit" type="QString" value="MM"/>
              </Option>
              <prop k="angle" v="90"/>
              <prop k="color" v="136,136,136,255"/>
              <prop k="joinstyle" v="miter"/>
              <prop k="offset" v="0,2.646"/>
              <prop k="offset_unit" v="MM"/>
              <prop k="outline_color" v="136,136,136,255"/>
              <prop k="outline_style" v="solid"/>
              <prop k="outline_width" v="0.265"/>
              <prop k="outline_width_unit" v="MM"/>
              <prop k="symbol_height" v="5.292"/>
              <prop k="symbol_height_unit" v="MM"/>
              <prop k="symbol_name" v="triangle"/>
              <prop k="symbol_width" v="4.233"/>
              <prop k="symbol_width_unit" v="MM"/>
              <data_defined_properties>
                <Option type="Map">
                  <Option name="name" type="QString" value=""/>
                  <Option name="properties"/>
                  <Option name="type" type="QString" value="collection"/>
                </Option>
              </data_defined_properties>
            </layer>
          </symbol>
        </layer>
      </symbol>
    </symbols>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <blendMode>0</blendMode>
  <featureBlendMode>0</featureBlendMode>
  <layerOpacity>1</layerOpacity>
  <legend type="default-vector" showLabelLegend="0"/>
<layerGeometryType>1</layerGeometryType>
</qgis>
